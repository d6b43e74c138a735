import { randomUUID } from 'node:crypto';
import { createTRPCClient, httpLink, TRPCClientError } from '@trpc/client';
import { Redis } from 'ioredis';
import { afterEach, describe, expect, it } from 'vitest';
import type { LimitsOptions } from '../src/limits/config.js';
import type { RunningApi } from '../src/server.js';
import type { AppRouter } from '../src/trpc/root.js';
import { RELAXED_LIMITS, startTestApi } from '../testing/index.js';
import { startCountingProxy } from './support/counting-proxy.js';
import { DRIVERS } from './support/databases.js';
import { useHarness } from './support/harness.js';
import { seedAwaitingOrder } from './support/seed-order.js';

const TEST_REDIS_URL = process.env.TEST_REDIS_URL;
if (!TEST_REDIS_URL) {
  console.warn('[api tests] TEST_REDIS_URL is not set: the Redis-backed limits suite is SKIPPED.');
}

const client = (url: string, token?: string) =>
  createTRPCClient<AppRouter>({
    links: [
      httpLink({ url: `${url}/trpc`, headers: () => (token ? { authorization: `Bearer ${token}` } : {}) }),
    ],
  });
const codeOf = (error: unknown) =>
  error instanceof TRPCClientError ? (error.data as { code?: string }).code : String(error);

for (const driver of DRIVERS) {
  describe.skipIf(driver.skip || !TEST_REDIS_URL)(`limits shared through Redis on ${driver.name}`, () => {
    const h = useHarness(driver.name);
    const opened: { close(): Promise<void> }[] = [];
    let prefix = '';
    afterEach(async () => {
      await Promise.all(opened.splice(0).map((item) => item.close()));
      // Our keys only: parallel runs use other prefixes.
      const redis = new Redis(TEST_REDIS_URL!);
      const keys = await redis.keys(`${prefix}*`);
      if (keys.length > 0) await redis.del(...keys);
      await redis.quit();
    });

    /** Two replicas on one database and one Redis, under a key prefix of this test alone. */
    async function pair(limits: LimitsOptions, invoiceboxApiUrl = h.sandbox.url): Promise<RunningApi[]> {
      prefix = `test:${randomUUID()}:`;
      const start = async () =>
        (
          await startTestApi({
            database: h.database,
            sandbox: false,
            invoiceboxApiUrl,
            limits: { ...RELAXED_LIMITS, redisUrl: TEST_REDIS_URL, redisKeyPrefix: prefix, ...limits },
          })
        ).api;
      const apis = [await start(), await start()];
      opened.push(...apis);
      return apis;
    }

    it('per-IP limits are shared by two API instances', async () => {
      const [a, b] = await pair({ rateLimit: { read: 3, windowMs: 60_000 } });
      await client(a!.url).catalog.list.query();
      await client(a!.url).catalog.list.query();
      await client(b!.url).catalog.list.query();
      for (const api of [b!, a!]) {
        const refused = await client(api.url)
          .catalog.list.query()
          .catch((e: unknown) => e);
        expect(codeOf(refused)).toBe('TOO_MANY_REQUESTS');
      }
    });

    it('failed staff logins on one instance count on the other', async () => {
      const [a, b] = await pair({ staffLogin: { maxFailures: 2, windowMs: 60_000 } });
      for (const api of [a!, b!]) {
        const refused = await client(api.url, 'wrong-token-000000')
          .admin.orders.list.query()
          .catch((e: unknown) => e);
        expect(codeOf(refused)).toBe('UNAUTHORIZED');
      }
      const throttled = await client(a!.url, 'wrong-token-000000')
        .admin.orders.list.query()
        .catch((e: unknown) => e);
      expect(codeOf(throttled)).toBe('TOO_MANY_REQUESTS');
    });

    it('the Invoicebox budget is shared: two instances together stay within it', async () => {
      const proxy = await startCountingProxy(h.sandbox.url);
      opened.push(proxy);
      const [a, b] = await pair(
        { budget: { limit: 8, windowMs: 60_000, reservedShare: 0.5, waitMs: 0 }, syncFreshMs: 10_000 },
        proxy.url,
      );
      const ids: string[] = [];
      for (let i = 0; i < 12; i++) ids.push((await seedAwaitingOrder(h.database)).orderId);
      await Promise.all(ids.map((id, i) => client((i % 2 ? a : b)!.url).orders.sync.query({ id })));
      expect(proxy.count()).toBe(4);
    });
  });
}
