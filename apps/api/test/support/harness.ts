import type { RunningSandbox, SandboxControl } from '@checkout/sandbox';
import { createTRPCClient, httpBatchLink } from '@trpc/client';
import { afterAll, beforeAll, beforeEach } from 'vitest';
import type { Database } from '../../src/db/client.js';
import type { LimitsOptions } from '../../src/limits/config.js';
import { createLogger } from '../../src/logger.js';
import { type RunningApi, startApi } from '../../src/server.js';
import type { AppRouter } from '../../src/trpc/root.js';
import { type DriverName, openTestDatabase, resetTables } from './databases.js';

export const ADMIN_TOKEN = 'test-admin-token-0123456789';

/**
 * Limits out of the way of suites about something else: no Redis, counters far above what a suite sends, and
 * orders.sync always asking Invoicebox. The abuse suite sets its own.
 */
export const RELAXED_LIMITS = {
  rateLimit: { checkout: 100_000, refundRequest: 100_000, read: 100_000 },
  budget: { limit: 100_000 },
  staffLogin: { maxFailures: 100_000 },
  syncFreshMs: 0,
} satisfies LimitsOptions;
export const STOREFRONT_URL = 'http://localhost:5199';

export type Harness = {
  api: RunningApi;
  sandbox: RunningSandbox;
  database: Database;
  databaseUrl: string | undefined;
  /** tRPC over real HTTP against this API instance. */
  http(opts?: { admin?: boolean }): ReturnType<typeof createTRPCClient<AppRouter>>;
  /** The sandbox's typed control API (`.call(method, path, body)` for anything it has no method for). */
  sandboxControl: SandboxControl;
};

/** Starts sandbox + API on the driver for the enclosing describe; data is wiped before every test. */
export function useHarness(
  driver: DriverName,
  opts: { sandbox?: boolean; limits?: LimitsOptions } = {},
): Harness {
  const withSandbox = opts.sandbox ?? true;
  const h = {} as Harness & { dispose?: () => Promise<void> };
  beforeAll(async () => {
    const db = await openTestDatabase(driver);
    h.database = db.database;
    h.databaseUrl = db.url;
    h.dispose = db.dispose;
    if (withSandbox) {
      // Loaded only when needed: the route suites run without the sandbox package.
      const { sandboxControl, startSandbox } = await import('@checkout/sandbox');
      h.sandbox = await startSandbox({
        port: 0,
        retryTimeScale: 0.0001,
        refundCompletionDelayMs: 0,
        rateLimit: false,
        notificationTimeoutMs: 5_000,
        log: false,
      });
      h.sandboxControl = sandboxControl(h.sandbox.url);
    }
    h.api = await startApi({
      port: 0,
      database: db.database,
      // Without a sandbox nothing may call Invoicebox: port 9 (discard) refuses every connection.
      invoiceboxApiUrl: withSandbox ? h.sandbox.url : 'http://127.0.0.1:9',
      storefrontUrl: STOREFRONT_URL,
      adminToken: ADMIN_TOKEN,
      reconcileIntervalMs: false,
      reconcileMinAgeMs: 0,
      invoiceboxRetry: { baseDelayMs: 5, maxDelayMs: 20 },
      logger: createLogger(process.env.API_TEST_LOG ?? 'silent'),
      limits: opts.limits ?? RELAXED_LIMITS,
    });
    h.http = ({ admin = false } = {}) =>
      createTRPCClient<AppRouter>({
        links: [
          httpBatchLink({
            url: `${h.api.url}/trpc`,
            headers: () => (admin ? { authorization: `Bearer ${ADMIN_TOKEN}` } : {}),
          }),
        ],
      });
  });
  beforeEach(async () => {
    await resetTables(h.database);
    if (withSandbox) await h.sandboxControl.reset();
  });
  afterAll(async () => {
    await h.api?.close();
    await h.sandbox?.close();
    await h.dispose?.();
  });
  return h;
}
