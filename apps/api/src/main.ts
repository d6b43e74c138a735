import { EnvError, loadEnv } from './env.js';
import { safeError } from './lib/safe-error.js';
import { type LimitsConfig, LimitsConfigError, loadLimitsConfig } from './limits/config.js';
import { createLogger } from './logger.js';
import { countRateLimitRejection } from './metrics.js';
import { pgliteDataDir } from './pglite-dir.js';
import { startApi } from './server.js';
import { drainOnSignals } from './shutdown.js';

let env: ReturnType<typeof loadEnv>;
let limits: LimitsConfig;
try {
  env = loadEnv();
  limits = loadLimitsConfig();
} catch (error) {
  if (error instanceof EnvError || error instanceof LimitsConfigError) {
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
  host: env.HOST,
  ...(env.DATABASE_URL ? { databaseUrl: env.DATABASE_URL } : { pgliteDataDir: pgliteDataDir(env) }),
  invoiceboxApiUrl: env.INVOICEBOX_API_URL,
  invoiceboxToken: env.INVOICEBOX_TOKEN,
  merchantId: env.INVOICEBOX_MERCHANT_ID,
  notificationKey: env.INVOICEBOX_NOTIFICATION_KEY,
  signatureAlgorithm: env.INVOICEBOX_SIGNATURE_ALGORITHM,
  holdPayments: env.INVOICEBOX_HOLD_PAYMENTS,
  publicApiUrl: env.PUBLIC_API_URL,
  storefrontUrl: env.STOREFRONT_URL,
  adminToken: env.ADMIN_TOKEN,
  reconcileIntervalMs: env.RECONCILE_INTERVAL_MS === 0 ? false : env.RECONCILE_INTERVAL_MS,
  reconcileMinAgeMs: env.RECONCILE_MIN_AGE_MS,
  logger: log,
  // The local demo migrates itself (zero-config); elsewhere `pnpm migrate` runs once per release.
  migrate: env.local,
  limits,
  onLimitRejected: (event) => countRateLimitRejection(event.kind),
  serverLimits: {
    requestTimeoutMs: env.REQUEST_TIMEOUT_MS,
    headersTimeoutMs: env.HEADERS_TIMEOUT_MS,
    keepAliveTimeoutMs: env.KEEP_ALIVE_TIMEOUT_MS,
    maxConnections: env.MAX_CONNECTIONS,
  },
  ...(env.METRICS_TOKEN ? { metricsToken: env.METRICS_TOKEN } : {}),
  // gate: no inbound URL needed (the webhook route stays, for `both` and for a later switch back).
  ...(env.INVOICEBOX_NOTIFY_VIA === 'webhook'
    ? {}
    : { gate: { url: env.INVOICEBOX_GATE_URL, only: env.INVOICEBOX_NOTIFY_VIA === 'gate' } }),
}).catch((error: unknown) => {
  log.fatal({ err: safeError(error) }, 'api failed to start');
  process.exit(1);
});

drainOnSignals(api, { timeoutMs: env.SHUTDOWN_TIMEOUT_MS, log });
