// Child-process entry of one API replica: the drills kill these with SIGKILL, so they must be real processes.
// Like apps/api/src/main.ts, plus the knobs drills need (reconcile age, pool size) and a readiness message.
import { loadLimitsConfig, startApi, UNLIMITED } from '@checkout/api';

const env = process.env;
const num = (name: string) => (env[name] ? Number(env[name]) : undefined);
const reconcileIntervalMs = num('RECONCILE_INTERVAL_MS');
const invoiceboxApiUrl = env.INVOICEBOX_API_URL ?? 'http://localhost:4010';
const notifyVia = env.INVOICEBOX_NOTIFY_VIA ?? 'webhook';
// As apps/api/src/env.ts does for a non-Invoicebox host: the sandbox serves its gate beside its API.
const gateUrl = env.INVOICEBOX_GATE_URL ?? `${invoiceboxApiUrl.replace(/^http/, 'ws')}/v3/gate/rpc`;

const api = await startApi({
  port: num('PORT') ?? 0,
  ...(env.DATABASE_URL ? { databaseUrl: env.DATABASE_URL } : {}),
  invoiceboxApiUrl,
  ...(env.INVOICEBOX_TOKEN ? { invoiceboxToken: env.INVOICEBOX_TOKEN } : {}),
  ...(env.INVOICEBOX_MERCHANT_ID ? { merchantId: env.INVOICEBOX_MERCHANT_ID } : {}),
  ...(env.INVOICEBOX_NOTIFICATION_KEY ? { notificationKey: env.INVOICEBOX_NOTIFICATION_KEY } : {}),
  ...(env.PUBLIC_API_URL ? { publicApiUrl: env.PUBLIC_API_URL } : {}),
  storefrontUrl: env.STOREFRONT_URL ?? 'http://localhost:5173',
  adminToken: env.ADMIN_TOKEN ?? 'drill-admin-token-unset',
  reconcileIntervalMs: reconcileIntervalMs ? reconcileIntervalMs : false,
  ...(num('RECONCILE_MIN_AGE_MS') !== undefined ? { reconcileMinAgeMs: num('RECONCILE_MIN_AGE_MS') } : {}),
  ...(num('POOL_SIZE') ? { poolSize: num('POOL_SIZE') } : {}),
  logLevel: env.LOG_LEVEL ?? 'info',
  // Load drills push hundreds of checkouts from one address; the abuse drill runs with the production limits.
  limits: env.DRILL_LIMITS === 'production' ? loadLimitsConfig(env) : UNLIMITED,
  ...(notifyVia === 'webhook' ? {} : { gate: { url: gateUrl, only: notifyVia === 'gate' } }),
});
process.send?.({ ready: api.url });

// The hostile-input drill asks for memory after a full collection (the child runs with --expose-gc), so a
// heap that merely has not been collected yet is not mistaken for a leak.
process.on('message', (message: unknown) => {
  if (message !== 'memory') return;
  (globalThis as { gc?: () => void }).gc?.();
  process.send?.({ memory: process.memoryUsage() });
});

// The drill runner is gone (even if it was killed without cleaning up): do not linger as an orphan.
process.once('disconnect', () => process.exit(0));

// As apps/api/src/main.ts: drain in-flight work, exit 0; a drain past the bound exits 1.
process.once('SIGTERM', () => {
  setTimeout(() => process.exit(1), num('SHUTDOWN_TIMEOUT_MS') ?? 10_000).unref();
  void api.close().then(() => process.exit(0));
});
