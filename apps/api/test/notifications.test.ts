import { randomUUID } from 'node:crypto';
import { DEMO_SHOP } from '@checkout/invoicebox';
import { count, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { notifications, orderEvents, refunds } from '../src/db/schema.js';
import { createLogger } from '../src/logger.js';
import { startApi } from '../src/server.js';
import { DRIVERS } from './support/databases.js';
import { ADMIN_TOKEN, RELAXED_LIMITS, STOREFRONT_URL, useHarness } from './support/harness.js';
import { deliver, signed } from './support/notify.js';
import { seedAwaitingOrder } from './support/seed-order.js';

for (const driver of DRIVERS) {
  describe.skipIf(driver.skip)(`notification route on ${driver.name}`, () => {
    const h = useHarness(driver.name, { sandbox: false });

    /** An order awaiting payment, plus the Invoicebox order JSON a notification about it would carry. */
    const awaitingOrder = () => seedAwaitingOrder(h.database);
    const eventCount = async (orderId: string) =>
      (
        await h.database.db.select({ n: count() }).from(orderEvents).where(eq(orderEvents.orderId, orderId))
      )[0]?.n;
    const status = async (orderId: string) => (await h.api.caller().orders.byId({ id: orderId })).status;

    it('applies a paid notification once; a repeated delivery gets success and changes nothing', async () => {
      const { orderId, remote } = await awaitingOrder();
      const { body, signature } = signed({ ...remote, status: 'completed' });
      expect(await deliver(h.api.url, body, signature)).toEqual({ http: 200, answer: { status: 'success' } });
      expect(await status(orderId)).toBe('paid');
      const events = await eventCount(orderId);
      expect(await deliver(h.api.url, body, signature)).toEqual({ http: 200, answer: { status: 'success' } });
      expect(await eventCount(orderId)).toBe(events);
    });

    it('accepts the PHP SDK spelling "success" for paid', async () => {
      const { orderId, remote } = await awaitingOrder();
      const { body, signature } = signed({ ...remote, status: 'success' });
      expect((await deliver(h.api.url, body, signature)).answer).toEqual({ status: 'success' });
      expect(await status(orderId)).toBe('paid');
    });

    it('answers order_already_paid to a different paid notification for a paid order', async () => {
      const { orderId, remote } = await awaitingOrder();
      const first = signed({ ...remote, status: 'completed' });
      await deliver(h.api.url, first.body, first.signature);
      const other = signed({ ...remote, status: 'completed', paidAt: '2026-01-01T00:00:00+00:00' });
      expect((await deliver(h.api.url, other.body, other.signature)).answer).toMatchObject({
        status: 'error',
        code: 'order_already_paid',
      });
      expect(await status(orderId)).toBe('paid');
    });

    it('answers order_already_paid when another Invoicebox order pays an order that is already paid', async () => {
      const { orderId, remote } = await awaitingOrder();
      const first = signed({ ...remote, status: 'completed' });
      await deliver(h.api.url, first.body, first.signature);
      const events = await eventCount(orderId);
      const other = signed({ ...remote, id: '44444444-4444-4444-8444-444444444444', status: 'completed' });
      expect((await deliver(h.api.url, other.body, other.signature)).answer).toMatchObject({
        status: 'error',
        code: 'order_already_paid',
      });
      expect(await status(orderId)).toBe('paid');
      expect(await eventCount(orderId)).toBe(events);
    });

    it('answers order_not_found when another Invoicebox order claims an unpaid order', async () => {
      const { orderId, remote } = await awaitingOrder();
      const other = signed({ ...remote, id: '55555555-5555-4555-8555-555555555555', status: 'completed' });
      expect((await deliver(h.api.url, other.body, other.signature)).answer).toMatchObject({
        status: 'error',
        code: 'order_not_found',
      });
      expect(await status(orderId)).toBe('awaiting_payment');
    });

    /** A paid order with one refund Invoicebox has accepted, and the refund order JSON Invoicebox would send. */
    const paidWithRefund = async () => {
      const { orderId, remote } = await awaitingOrder();
      const paid = signed({ ...remote, status: 'completed' });
      await deliver(h.api.url, paid.body, paid.signature);
      const refundId = randomUUID();
      const invoiceboxRefundId = randomUUID();
      await h.database.db.insert(refunds).values({
        id: refundId,
        orderId,
        invoiceboxRefundId,
        lines: [
          {
            sku: 'TEA-100',
            name: 'Иван-чай',
            quantity: 1,
            unitPrice: 34_900,
            total: 34_900,
            vatAmount: 6_293,
          },
        ],
        amount: 34_900,
        vatAmount: 6_293,
        status: 'created',
      });
      // RefundOrderResponse as the docs give it: no `subtype`.
      const refundOrder = {
        id: invoiceboxRefundId,
        parentId: remote.id,
        description: 'Возврат',
        merchantOrderId: refundId,
        merchantId: DEMO_SHOP.merchantId,
        amount: 349,
        vatAmount: 62.93,
        currencyId: 'RUB',
        basketItems: [],
        createdAt: '2026-11-29T08:00:00+00:00',
        status: 'completed',
      };
      return { orderId, refundId, refundOrder };
    };
    const refundStatus = async (refundId: string) =>
      (await h.database.db.select({ s: refunds.status }).from(refunds).where(eq(refunds.id, refundId)))[0]?.s;

    it('completes a refund from a refund notification shaped as the docs give it (no subtype)', async () => {
      const { orderId, refundId, refundOrder } = await paidWithRefund();
      const { body, signature } = signed(refundOrder);
      expect((await deliver(h.api.url, body, signature)).answer).toEqual({ status: 'success' });
      expect(await refundStatus(refundId)).toBe('completed');
      expect(await status(orderId)).toBe('partially_refunded');
    });

    it('recognises a refund notification by its ids alone (no subtype, no parentId)', async () => {
      const { orderId, refundId, refundOrder } = await paidWithRefund();
      const { parentId: _parent, ...bare } = refundOrder;
      const { body, signature } = signed(bare);
      expect((await deliver(h.api.url, body, signature)).answer).toEqual({ status: 'success' });
      expect(await refundStatus(refundId)).toBe('completed');
      expect(await status(orderId)).toBe('partially_refunded');
    });

    const rejected: [
      string,
      (remote: Record<string, unknown>) => { body: string; signature: string | null },
      string,
    ][] = [
      [
        'a wrong signature',
        (r) => ({ body: signed({ ...r, status: 'completed' }).body, signature: 'a'.repeat(40) }),
        'signature_error',
      ],
      [
        'no signature',
        (r) => ({ body: signed({ ...r, status: 'completed' }).body, signature: null }),
        'signature_error',
      ],
      [
        'a body signed with another key',
        (r) => signed({ ...r, status: 'completed' }, 'not-our-key'),
        'signature_error',
      ],
      [
        'a wrong amount',
        (r) => signed({ ...r, status: 'completed', amount: Number(r.amount) - 1 }),
        'order_wrong_amount',
      ],
      [
        // Not Invoicebox's format (a JSON number): refused as not being a notification at all.
        'the right amount as a string',
        (r) => signed({ ...r, status: 'completed', amount: Number(r.amount).toFixed(2) }),
        'order_not_found',
      ],
      [
        'a wrong currency',
        (r) => signed({ ...r, status: 'completed', currencyId: 'USD' }),
        'order_wrong_currency',
      ],
      [
        'another merchant',
        (r) => signed({ ...r, status: 'completed', merchantId: '11111111-1111-4111-8111-111111111111' }),
        'order_not_found',
      ],
      [
        'an unknown order',
        (r) =>
          signed({
            ...r,
            status: 'completed',
            id: '22222222-2222-4222-8222-222222222222',
            merchantOrderId: '33333333-3333-4333-8333-333333333333',
          }),
        'order_not_found',
      ],
      ['malformed JSON', () => ({ body: '{"id": "abc", ', signature: 'b'.repeat(40) }), 'signature_error'],
      ['signed garbage', () => signed({ hello: 'world' }), 'order_not_found'],
    ];
    it.each(rejected)(
      'answers %s with the documented error and changes nothing',
      async (_name, make, code) => {
        const { orderId, remote } = await awaitingOrder();
        const before = await eventCount(orderId);
        const { body, signature } = make(remote);
        const { http, answer } = await deliver(h.api.url, body, signature);
        expect(http).toBe(200);
        expect(answer).toMatchObject({ status: 'error', code });
        expect(await status(orderId)).toBe('awaiting_payment');
        expect(await eventCount(orderId)).toBe(before);
      },
    );

    it('answers garbage without a content type or body with 200, never 500', async () => {
      for (const init of [
        { body: '\u0000\u0001garbage' },
        { body: '' },
        { body: 'x', headers: { 'content-type': 'text/plain' } },
      ]) {
        const response = await fetch(`${h.api.url}/webhooks/invoicebox`, { method: 'POST', ...init });
        expect(response.status).toBe(200);
        expect(await response.json()).toMatchObject({ status: 'error', code: 'signature_error' });
      }
    });

    it('answers the monitoring probe with success after checking the merchant, changing nothing', async () => {
      const probe = {
        id: 'ffffffff-ffff-ffff-ffff-ffffffffffff',
        merchantId: DEMO_SHOP.merchantId,
        merchantOrderId: '',
        status: 'completed',
        amount: 0,
        currencyId: 'RUB',
      };
      const before = (await h.database.db.select({ n: count() }).from(notifications))[0]?.n;
      const ours = signed(probe);
      expect((await deliver(h.api.url, ours.body, ours.signature)).answer).toEqual({ status: 'success' });
      const foreign = signed({ ...probe, merchantId: '11111111-1111-4111-8111-111111111111' });
      expect((await deliver(h.api.url, foreign.body, foreign.signature)).answer).toMatchObject({
        status: 'error',
      });
      expect((await h.database.db.select({ n: count() }).from(notifications))[0]?.n).toBe(before);
    });

    it('answers out_of_service when its database is unavailable, so Invoicebox retries', async () => {
      const { remote } = await awaitingOrder();
      const { body, signature } = signed({ ...remote, status: 'completed' });
      // A second replica whose own database connection goes away (a real closed pool / closed PGlite).
      const replica = await startApi({
        port: 0,
        ...(h.databaseUrl ? { databaseUrl: h.databaseUrl, poolSize: 2 } : {}),
        invoiceboxApiUrl: 'http://127.0.0.1:9',
        storefrontUrl: STOREFRONT_URL,
        adminToken: ADMIN_TOKEN,
        reconcileIntervalMs: false,
        logger: createLogger('silent'),
        limits: RELAXED_LIMITS,
      });
      try {
        await replica.deps.database.close();
        expect((await deliver(replica.url, body, signature)).answer).toMatchObject({
          status: 'error',
          code: 'out_of_service',
        });
        expect((await fetch(`${replica.url}/readyz`)).status).toBe(503);
        // Procedures say "unavailable", and never show SQL or its parameters.
        const input = encodeURIComponent('{"id":"00000000-0000-4000-8000-000000000000"}');
        const procedure = await fetch(`${replica.url}/trpc/orders.byId?input=${input}`);
        expect(procedure.status).toBe(503);
        const text = await procedure.text();
        expect(text).toContain('SERVICE_UNAVAILABLE');
        expect(text).not.toMatch(/select|params|"orders"/i);
      } finally {
        await replica.close().catch(() => {});
      }
    });
  });
}
