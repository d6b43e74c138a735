export {
  type SandboxControl,
  SandboxControlError,
  type SandboxMerchant,
  type SandboxMerchantUpdate,
  type SandboxOrderDetail,
  type SandboxRefundPayout,
  type SandboxSettings,
  sandboxControl,
} from './control-client.js';
export { GATE_PATH } from './gate/attach-gate.js';
export { GATE_DELIVERY_URL, type GateConnection } from './gate/gate-hub.js';
export { DEFAULT_NOTIFICATION_URL, DEMO_MERCHANT } from './merchants.js';
export { judge, RETRY_SCHEDULE_MS } from './notifier.js';
export { startSandbox } from './start-sandbox.js';
export { CONFIRMATION_CODE, TEST_CARDS } from './test-cards.js';
export type {
  Delivery,
  DeliveryEvent,
  DeliveryOutcome,
  MerchantConfig,
  OrderJson,
  RunningSandbox,
  SandboxOptions,
} from './types.js';
