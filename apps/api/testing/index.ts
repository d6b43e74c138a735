// `@checkout/api/testing`: the API's test surface for its own tests, the storefront's e2e run and the bench.
// Dev-only: outside src/, so never compiled into dist.

export {
  deliverNotification,
  type NotificationRequest,
  type WebhookAnswer,
  withSignature,
} from './deliver-notification.js';
export {
  RELAXED_LIMITS,
  startTestApi,
  TEST_ADMIN_TOKEN,
  TEST_SIGNING,
  TEST_STOREFRONT_URL,
  type TestApi,
  type TestApiOptions,
  UNREACHABLE_INVOICEBOX,
} from './start-test-api.js';
export { type DriverName, openTestDatabase, resetTables, type TestDatabase } from './test-database.js';
