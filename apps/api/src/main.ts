import { fileURLToPath } from 'node:url';
import { EnvError, loadEnv } from './env.js';
import { createLogger } from './logger.js';
import { startApi } from './server.js';

let env: ReturnType<typeof loadEnv>;
try {
  env = loadEnv();
} catch (error) {
  if (error instanceof EnvError) {
    console.error(error.message);
    process.exit(1);
  }
  throw error;
}

const log = createLogger(env.LOG_LEVEL);
if (env.adminTokenIsDemo) {
  log.warn('ADMIN_TOKEN is not set: using the demo token. Set ADMIN_TOKEN before exposing this server.');
}
const api = await startApi({
  port: env.PORT,
  ...(env.DATABASE_URL
    ? { databaseUrl: env.DATABASE_URL }
    : { pgliteDataDir: env.PGLITE_DATA_DIR ?? fileURLToPath(new URL('../.data/pglite', import.meta.url)) }),
  invoiceboxApiUrl: env.INVOICEBOX_API_URL,
  invoiceboxToken: env.INVOICEBOX_TOKEN,
  merchantId: env.INVOICEBOX_MERCHANT_ID,
  notificationKey: env.INVOICEBOX_NOTIFICATION_KEY,
  publicApiUrl: env.PUBLIC_API_URL,
  storefrontUrl: env.STOREFRONT_URL,
  adminToken: env.ADMIN_TOKEN,
  reconcileIntervalMs: env.RECONCILE_INTERVAL_MS === 0 ? false : env.RECONCILE_INTERVAL_MS,
  reconcileMinAgeMs: env.RECONCILE_MIN_AGE_MS,
  logger: log,
});

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    log.info({ signal }, 'shutting down');
    void api.close().then(() => process.exit(0));
  });
}
