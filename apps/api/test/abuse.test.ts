import { randomBytes } from 'node:crypto';
import { signedTestNotification } from '@checkout/invoicebox/testing';
import { createTRPCClient, httpBatchLink, httpLink, TRPCClientError } from '@trpc/client';
import { count, eq } from 'drizzle-orm';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { notifications, orders, refundRequests } from '../src/db/schema.js';
import type { LimitsOptions } from '../src/limits/config.js';
import type { LimitRejection } from '../src/limits/events.js';
import type { AppRouter } from '../src/trpc/root.js';
import {
  deliverNotification,
  RELAXED_LIMITS,
  startTestApi,
  TEST_SIGNING,
  withSignature,
} from '../testing/index.js';
import { startCountingProxy } from './support/counting-proxy.js';
import { DRIVERS } from './support/databases.js';
import { checkoutInput } from './support/fixtures.js';
import { ADMIN_TOKEN, useHarness } from './support/harness.js';
import { seedAwaitingOrder } from './support/seed-order.js';

const authHeader = (token?: string): Record<string, string> =>
  token ? { authorization: `Bearer ${token}` } : {};

const client = (url: string, opts: { admin?: string; batch?: boolean } = {}) =>
  createTRPCClient<AppRouter>({
    links: [
      (opts.batch ?? true)
        ? // A storefront-like client: batches of up to 10 calls per request.
          httpBatchLink({ url: `${url}/trpc`, maxItems: 10, headers: () => authHeader(opts.admin) })
        : httpLink({ url: `${url}/trpc`, headers: () => authHeader(opts.admin) }),
    ],
  });

const trpcCode = (error: unknown) =>
  error instanceof TRPCClientError ? (error.data as { code?: string; httpStatus?: number }) : undefined;

for (const driver of DRIVERS) {
  describe.skipIf(driver.skip)(`abuse limits on ${driver.name}`, () => {
    const h = useHarness(driver.name);
    const extra: { close(): Promise<void> }[] = [];
    afterEach(async () => {
      await Promise.all(extra.splice(0).map((item) => item.close()));
    });
    afterAll(async () => {
      await Promise.all(extra.splice(0).map((item) => item.close()));
    });

    /** Another replica on the same database, with its own limits (and optionally its own way to Invoicebox). */
    async function replica(
      limits: LimitsOptions,
      invoiceboxApiUrl = h.sandbox.url,
      events?: LimitRejection[],
    ) {
      const { api } = await startTestApi({
        database: h.database,
        sandbox: false,
        invoiceboxApiUrl,
        limits: { ...RELAXED_LIMITS, ...limits },
        ...(events ? { onLimitRejected: (event: LimitRejection) => events.push(event) } : {}),
      });
      extra.push(api);
      return api;
    }

    it('a batched sync storm stays within the budget while a checkout still goes through', async () => {
      const proxy = await startCountingProxy(h.sandbox.url);
      extra.push(proxy);
      const budget = { limit: 12, windowMs: 60_000, reservedShare: 0.5, waitMs: 5_000 };
      const api = await replica({ budget, syncFreshMs: 10_000, maxBatchSize: 10 }, proxy.url);
      const ids: string[] = [];
      for (let i = 0; i < 40; i++) ids.push((await seedAwaitingOrder(h.database)).orderId);
      const shopper = client(api.url);

      // 40 orders x 3 polls, sent as batches of 10, all at once; a checkout in the middle of it.
      const storm = Promise.all(
        [...ids, ...ids, ...ids].map((id) => shopper.orders.sync.query({ id }).then((order) => order.status)),
      );
      const checkout = shopper.orders.create.mutate(checkoutInput());
      const [statuses, created] = await Promise.all([storm, checkout]);

      expect(statuses.every((status) => status === 'awaiting_payment')).toBe(true);
      expect(created.paymentUrl).toMatch(/^http/);
      // Sync may only use the unreserved half; checkout's createOrder came out of the reserve.
      expect(proxy.count(/^GET \/v3\/billing\/api\/order\/order\//)).toBeLessThanOrEqual(6);
      expect(proxy.count(/^POST \/v3\/billing\/api\/order\/order$/)).toBe(1);
      expect(proxy.count()).toBeLessThanOrEqual(budget.limit);
    });

    it('concurrent syncs of one order make one Invoicebox call; a fresh check is answered from the database', async () => {
      const proxy = await startCountingProxy(h.sandbox.url);
      extra.push(proxy);
      const api = await replica({ syncFreshMs: 10_000 }, proxy.url);
      const { orderId } = await seedAwaitingOrder(h.database);
      const shopper = client(api.url);
      await Promise.all(Array.from({ length: 10 }, () => shopper.orders.sync.query({ id: orderId })));
      await shopper.orders.sync.query({ id: orderId });
      // One lookup: the seeded order is unknown to Invoicebox, so the SDK's single lookup is the billing path and
      // then its documented fallback, the filter endpoint (two requests).
      expect(proxy.count(/^GET \/v3\/billing\/api\/order\/order\//)).toBe(1);
      expect(proxy.count()).toBe(2);
    });

    it('refuses a batch above maxBatchSize with a clear error, before any procedure runs', async () => {
      const proxy = await startCountingProxy(h.sandbox.url);
      extra.push(proxy);
      const api = await replica({ maxBatchSize: 10 }, proxy.url);
      const { orderId } = await seedAwaitingOrder(h.database);
      const paths = Array.from({ length: 150 }, () => 'orders.sync').join(',');
      const input = encodeURIComponent(
        JSON.stringify(Object.fromEntries(Array.from({ length: 150 }, (_, i) => [i, { id: orderId }]))),
      );
      // 150 names do not even fit the route: the router turns the URL away.
      const huge = await fetch(`${api.url}/trpc/${paths}?batch=1&input=${input}`);
      expect(huge.status).toBeGreaterThanOrEqual(400);
      const eleven = Array.from({ length: 11 }, () => 'orders.sync').join(',');
      const response = await fetch(`${api.url}/trpc/${eleven}?batch=1&input=${input}`);
      expect(response.status).toBe(400);
      expect(JSON.stringify(await response.json())).toContain('Batch call exceeds maximum size');
      expect(proxy.count()).toBe(0);
    });

    it('caps tRPC bodies', async () => {
      const api = await replica({ bodyLimitBytes: 16 * 1024 });
      const response = await fetch(`${api.url}/trpc/orders.create`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ pad: 'x'.repeat(20 * 1024) }),
      });
      expect(response.status).toBe(413);
    });

    it('answers 429 with a tRPC TOO_MANY_REQUESTS error once an address is over its limit', async () => {
      const events: LimitRejection[] = [];
      const api = await replica({ rateLimit: { read: 3, windowMs: 60_000 } }, h.sandbox.url, events);
      const shopper = client(api.url, { batch: false });
      for (let i = 0; i < 3; i++) await shopper.catalog.list.query();
      const refused = await shopper.catalog.list.query().catch((error: unknown) => error);
      expect(trpcCode(refused)).toMatchObject({ code: 'TOO_MANY_REQUESTS', httpStatus: 429 });
      expect((refused as Error).message).toMatch(/Too many requests from your address: at most 3 per 60 s/);
      expect(events).toContainEqual({ kind: 'rate_limit', group: 'read' });
      // Every call in a batch counts, and each gets the error.
      const batch = client(api.url);
      const results = await Promise.allSettled([batch.catalog.list.query(), batch.catalog.list.query()]);
      expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected']);
    });

    it('limits checkouts per address separately from reads; staff are not rate limited', async () => {
      const api = await replica({ rateLimit: { checkout: 1, read: 2, windowMs: 60_000 } });
      const shopper = client(api.url, { batch: false });
      await shopper.orders.create.mutate(checkoutInput());
      const second = await shopper.orders.create.mutate(checkoutInput()).catch((error: unknown) => error);
      expect(trpcCode(second)).toMatchObject({ code: 'TOO_MANY_REQUESTS' });
      expect((second as Error).message).toMatch(/Too many checkouts/);
      const staff = client(api.url, { admin: ADMIN_TOKEN, batch: false });
      for (let i = 0; i < 5; i++) await staff.admin.orders.list.query();
    });

    it('an unsigned flood leaves the database unchanged and gets the bare contract answer', async () => {
      const events: LimitRejection[] = [];
      const api = await replica({}, h.sandbox.url, events);
      const { remote } = await seedAwaitingOrder(h.database);
      const rows = async () => (await h.database.db.select({ n: count() }).from(notifications))[0]?.n;
      const before = await rows();
      const real = signedTestNotification({ ...remote, status: 'completed' }, TEST_SIGNING);
      const big = JSON.stringify({ ...remote, status: 'completed', pad: 'x'.repeat(60 * 1024) });
      const answers = await Promise.all(
        Array.from({ length: 50 }, (_, i) =>
          deliverNotification(
            api.url,
            withSignature(
              i % 2 ? { ...real, body: big } : real,
              i % 3 ? randomBytes(20).toString('hex') : null,
            ),
          ),
        ),
      );
      for (const reply of answers) {
        expect(reply).toEqual({ http: 200, answer: { status: 'error', code: 'signature_error' } });
      }
      expect(await rows()).toBe(before);
      expect(events.filter((e) => e.kind === 'webhook_signature')).toHaveLength(50);
      const seen = await client(api.url, { admin: ADMIN_TOKEN }).admin.webhooks.rejections.query();
      expect(seen.total).toBe(50);
      expect(seen.recent.length).toBeLessThanOrEqual(10);
      for (const sample of seen.recent) {
        expect(Object.keys(sample).sort()).toEqual(['at', 'bytes', 'ip', 'reason', 'sha256']);
      }
      // The real notification still applies.
      expect((await deliverNotification(api.url, real)).answer).toEqual({ status: 'success' });
    });

    it('throttles failed staff logins per address; correct logins are never counted', async () => {
      const events: LimitRejection[] = [];
      const api = await replica({ staffLogin: { maxFailures: 3, windowMs: 60_000 } }, h.sandbox.url, events);
      const staff = client(api.url, { admin: ADMIN_TOKEN, batch: false });
      for (let i = 0; i < 10; i++) await staff.admin.orders.list.query();
      const guesser = client(api.url, { admin: 'wrong-token-000000', batch: false });
      for (let i = 0; i < 3; i++) {
        const refused = await guesser.admin.orders.list.query().catch((error: unknown) => error);
        expect(trpcCode(refused)).toMatchObject({ code: 'UNAUTHORIZED' });
      }
      const throttled = await guesser.admin.orders.list.query().catch((error: unknown) => error);
      expect(trpcCode(throttled)).toMatchObject({ code: 'TOO_MANY_REQUESTS', httpStatus: 429 });
      expect((throttled as Error).message).toMatch(/Too many failed staff sign-ins/);
      // From the same address even the right token waits: otherwise the throttle would still answer guesses.
      const right = await staff.admin.orders.list.query().catch((error: unknown) => error);
      expect(trpcCode(right)).toMatchObject({ code: 'TOO_MANY_REQUESTS' });
      expect(events).toContainEqual({ kind: 'staff_login' });
    });

    it('keeps one open refund request per order and pages them for staff', async () => {
      const { orderId } = await seedAwaitingOrder(h.database);
      await h.database.db.update(orders).set({ status: 'paid' }).where(eq(orders.id, orderId));
      const shopper = client(h.api.url, { batch: false });
      const staff = client(h.api.url, { admin: ADMIN_TOKEN, batch: false });
      const attempts = await Promise.allSettled(
        Array.from({ length: 20 }, () =>
          shopper.orders.requestRefund.mutate({ id: orderId, reason: 'скол' }),
        ),
      );
      expect(attempts.filter((a) => a.status === 'fulfilled')).toHaveLength(1);
      const [open] = await h.database.db
        .select()
        .from(refundRequests)
        .where(eq(refundRequests.orderId, orderId));
      const conflict = attempts.find((a) => a.status === 'rejected') as PromiseRejectedResult;
      expect(trpcCode(conflict.reason)).toMatchObject({ code: 'CONFLICT' });
      expect((conflict.reason as Error).message).toContain(`refund request #${open!.id}`);
      expect((await shopper.orders.byId.query({ id: orderId })).refundRequested).toBe(true);

      // Declined: the shopper may ask again. 25 answered requests later, staff still get pages.
      await staff.admin.refundRequests.decline.mutate({ id: open!.id });
      expect((await shopper.orders.byId.query({ id: orderId })).refundRequested).toBe(false);
      await h.database.db.insert(refundRequests).values(
        Array.from({ length: 24 }, (_, i) => ({
          orderId,
          reason: `старый запрос ${i}`,
          closedAt: new Date(),
          resolution: 'declined',
        })),
      );
      await shopper.orders.requestRefund.mutate({ id: orderId, reason: 'снова скол' });
      const details = await staff.admin.orders.byId.query({ id: orderId });
      expect(details.refundRequestCount).toBe(26);
      expect(details.refundRequests).toHaveLength(10);
      expect(details.refundRequests[0]).toMatchObject({ reason: 'снова скол', closedAt: null });
      const page3 = await staff.admin.refundRequests.list.query({ orderId, page: 3, pageSize: 10 });
      expect(page3).toMatchObject({ total: 26 });
      expect(page3.requests).toHaveLength(6);
      const openOnly = await staff.admin.refundRequests.list.query({
        orderId,
        open: true,
        page: 1,
        pageSize: 10,
      });
      expect(openOnly.requests.map((r) => r.reason)).toEqual(['снова скол']);
    });
  });
}
