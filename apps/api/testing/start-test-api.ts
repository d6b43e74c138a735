import { DEMO_SHOP } from '@checkout/invoicebox';
import type { SignedTestNotificationOptions } from '@checkout/invoicebox/testing';
import type { RunningSandbox, SandboxControl, SandboxOptions } from '@checkout/sandbox';
import { createTRPCClient, httpBatchLink, type TRPCClient } from '@trpc/client';
import type { Database } from '../src/db/client.js';
import type { LimitsOptions } from '../src/limits/config.js';
import { createLogger } from '../src/logger.js';
import { type RunningApi, type StartApiOptions, startApi } from '../src/server.js';
import type { AppRouter } from '../src/trpc/root.js';
import { type DriverName, openTestDatabase, resetTables } from './test-database.js';

export const TEST_ADMIN_TOKEN = 'test-admin-token-0123456789';
export const TEST_STOREFRONT_URL = 'http://localhost:5199';
/** The key a test API verifies notifications with: `signedTestNotification(n, TEST_SIGNING)`. */
export const TEST_SIGNING: SignedTestNotificationOptions = { key: DEMO_SHOP.notificationKey };
/** Port 9 (discard) refuses every connection: an API started without a sandbox must not reach any Invoicebox. */
export const UNREACHABLE_INVOICEBOX = 'http://127.0.0.1:9';

/**
 * Limits out of the way of tests about something else: no Redis, counters far above what a suite sends, and
 * orders.sync always asking Invoicebox. Tests of the limits set their own.
 */
export const RELAXED_LIMITS = {
  rateLimit: { checkout: 100_000, refundRequest: 100_000, read: 100_000 },
  budget: { limit: 100_000 },
  staffLogin: { maxFailures: 100_000 },
  companyLookup: { perIp: 100_000 },
  syncFreshMs: 0,
} satisfies LimitsOptions;

/** Sandbox settings for tests: no rate limit, the 24-hour retry schedule in milliseconds, instant refunds. */
const TEST_SANDBOX: SandboxOptions = {
  port: 0,
  retryTimeScale: 0.0001,
  refundCompletionDelayMs: 0,
  rateLimit: false,
  notificationTimeoutMs: 5_000,
  log: false,
};

export type TestApiOptions = Omit<Partial<StartApiOptions>, 'database'> & {
  /**
   * Where the data lives: a fresh in-memory PGlite (default), a scratch database on `TEST_DATABASE_URL`
   * (`'postgres'`, dropped on close), or an open database shared with another instance (left open).
   * With `databaseUrl` the API opens that database itself.
   */
  database?: DriverName | Database;
  /**
   * Start a sandbox as this API's Invoicebox (default true), with these settings over the test ones. Without one,
   * the API talks to `invoiceboxApiUrl`, by default a closed port.
   */
  sandbox?: boolean | SandboxOptions;
  /**
   * Take notifications over the started sandbox's WebSocket gate (INVOICEBOX_NOTIFY_VIA=gate, or both without
   * `only`); the API is returned once the gate is open.
   */
  sandboxGate?: { only?: boolean };
};

export type TestApi = {
  api: RunningApi;
  url: string;
  database: Database;
  /** The scratch PostgreSQL database (`database: 'postgres'` only). */
  databaseUrl: string | undefined;
  /** Present when the sandbox was started (the default). */
  sandbox: RunningSandbox | undefined;
  sandboxControl: SandboxControl | undefined;
  adminToken: string;
  /** tRPC over real HTTP against this instance (staff access when admin is true). */
  http(opts?: { admin?: boolean }): TRPCClient<AppRouter>;
  /** Empties the order tables and the sandbox: a clean slate for the next test. */
  reset(): Promise<void>;
  /** Stops the API, the sandbox, and drops what this call opened. */
  close(): Promise<void>;
};

/** The API as tests, e2e runs and benchmarks start it: test settings, its database and its own sandbox. */
export async function startTestApi(opts: TestApiOptions = {}): Promise<TestApi> {
  const {
    database: databaseOption = 'pglite',
    sandbox: sandboxOption = true,
    sandboxGate,
    ...apiOptions
  } = opts;
  const closers: (() => Promise<unknown>)[] = [];
  const close = async () => {
    for (const closer of closers.splice(0).reverse()) await closer();
  };
  try {
    let database: Database | undefined;
    let databaseUrl: string | undefined;
    if (typeof databaseOption === 'object') database = databaseOption;
    else if (!apiOptions.databaseUrl && !apiOptions.pgliteDataDir) {
      const opened = await openTestDatabase(databaseOption);
      closers.push(opened.dispose);
      ({ database, url: databaseUrl } = opened);
    }
    let sandbox: RunningSandbox | undefined;
    let sandboxUrl = UNREACHABLE_INVOICEBOX;
    let control: SandboxControl | undefined;
    if (sandboxOption) {
      // Loaded only when asked for: the route suites run without the sandbox package.
      const { sandboxControl, startSandbox } = await import('@checkout/sandbox');
      const started = await startSandbox({
        ...TEST_SANDBOX,
        ...(sandboxOption === true ? {} : sandboxOption),
      });
      closers.push(() => started.close());
      sandbox = started;
      // Its own address, not its public URL (a test may give it a foreign one).
      sandboxUrl = `http://127.0.0.1:${started.port}`;
      control = sandboxControl(sandboxUrl);
    }
    const adminToken = apiOptions.adminToken ?? TEST_ADMIN_TOKEN;
    const api = await startApi({
      port: 0,
      invoiceboxApiUrl: sandboxUrl,
      storefrontUrl: TEST_STOREFRONT_URL,
      reconcileIntervalMs: false,
      reconcileMinAgeMs: 0,
      invoiceboxRetry: { baseDelayMs: 5, maxDelayMs: 20 },
      limits: RELAXED_LIMITS,
      logger: createLogger(apiOptions.logLevel ?? process.env.API_TEST_LOG ?? 'silent'),
      ...apiOptions,
      adminToken,
      ...(database ? { database } : {}),
      ...(sandboxGate
        ? { gate: { ...sandboxGate, url: `${sandboxUrl.replace('http', 'ws')}/v3/gate/rpc` } }
        : {}),
    });
    closers.push(() => api.close());
    await api.gate?.opened();
    return {
      api,
      url: api.url,
      database: api.deps.database,
      databaseUrl,
      sandbox,
      sandboxControl: control,
      adminToken,
      http: ({ admin = false } = {}) =>
        createTRPCClient<AppRouter>({
          links: [
            httpBatchLink({
              url: `${api.url}/trpc`,
              headers: () => (admin ? { authorization: `Bearer ${adminToken}` } : {}),
            }),
          ],
        }),
      async reset() {
        await resetTables(api.deps.database);
        await control?.reset();
      },
      close,
    };
  } catch (error) {
    await close().catch(() => undefined);
    throw error;
  }
}
