import { randomUUID } from 'node:crypto';
import { DEMO_SHOP, type OrderNotification, serializeInvoiceboxJson } from '@checkout/invoicebox';
import { signedTestNotification } from '@checkout/invoicebox/testing';
import { count, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { notifications, orderEvents, refunds } from '../src/db/schema.js';
import {
  deliverNotification,
  type NotificationRequest,
  startTestApi,
  TEST_SIGNING,
  withSignature,
} from '../testing/index.js';
import { DRIVERS } from './support/databases.js';
import { useHarness } from './support/harness.js';
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
      const request = signedTestNotification({ ...remote, status: 'completed' }, TEST_SIGNING);
      expect(await deliverNotification(h.api.url, request)).toEqual({
        http: 200,
        answer: { status: 'success' },
      });
      expect(await status(orderId)).toBe('paid');
      const events = await eventCount(orderId);
      expect(await deliverNotification(h.api.url, request)).toEqual({
        http: 200,
        answer: { status: 'success' },
      });
      expect(await eventCount(orderId)).toBe(events);
    });

    it('accepts the PHP SDK spelling "success" for paid', async () => {
      const { orderId, remote } = await awaitingOrder();
      const request = signedTestNotification({ ...remote, status: 'success' }, TEST_SIGNING);
      expect((await deliverNotification(h.api.url, request)).answer).toEqual({ status: 'success' });
      expect(await status(orderId)).toBe('paid');
    });

    it.each([
      ['a different paid notification', { paidAt: '2026-01-01T00:00:00+00:00' }],
      ['another Invoicebox order paying it again', { id: '44444444-4444-4444-8444-444444444444' }],
    ])('answers order_already_paid to %s for a paid order, and changes nothing', async (_, patch) => {
      const { orderId, remote } = await awaitingOrder();
      const first = signedTestNotification({ ...remote, status: 'completed' }, TEST_SIGNING);
      await deliverNotification(h.api.url, first);
      const events = await eventCount(orderId);
      const other = signedTestNotification({ ...remote, status: 'completed', ...patch }, TEST_SIGNING);
      expect((await deliverNotification(h.api.url, other)).answer).toMatchObject({
        status: 'error',
        code: 'order_already_paid',
      });
      expect(await status(orderId)).toBe('paid');
      expect(await eventCount(orderId)).toBe(events);
    });

    it('answers order_not_found when another Invoicebox order claims an unpaid order', async () => {
      const { orderId, remote } = await awaitingOrder();
      const other = signedTestNotification(
        { ...remote, id: '55555555-5555-4555-8555-555555555555', status: 'completed' },
        TEST_SIGNING,
      );
      expect((await deliverNotification(h.api.url, other)).answer).toMatchObject({
        status: 'error',
        code: 'order_not_found',
      });
      expect(await status(orderId)).toBe('awaiting_payment');
    });

    /** A paid order with one refund Invoicebox has accepted, and the refund order JSON Invoicebox would send. */
    const paidWithRefund = async () => {
      const { orderId, remote } = await awaitingOrder();
      const paid = signedTestNotification({ ...remote, status: 'completed' }, TEST_SIGNING);
      await deliverNotification(h.api.url, paid);
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
      const request = signedTestNotification(refundOrder, TEST_SIGNING);
      expect((await deliverNotification(h.api.url, request)).answer).toEqual({ status: 'success' });
      expect(await refundStatus(refundId)).toBe('completed');
      expect(await status(orderId)).toBe('partially_refunded');
    });

    it('recognises a refund notification by its ids alone (no subtype, no parentId)', async () => {
      const { orderId, refundId, refundOrder } = await paidWithRefund();
      const { parentId: _parent, ...bare } = refundOrder;
      const request = signedTestNotification(bare, TEST_SIGNING);
      expect((await deliverNotification(h.api.url, request)).answer).toEqual({ status: 'success' });
      expect(await refundStatus(refundId)).toBe('completed');
      expect(await status(orderId)).toBe('partially_refunded');
    });

    const rejected: [string, (remote: OrderNotification) => NotificationRequest, string][] = [
      [
        'a wrong signature',
        (r) =>
          withSignature(signedTestNotification({ ...r, status: 'completed' }, TEST_SIGNING), 'a'.repeat(40)),
        'signature_error',
      ],
      [
        'no signature',
        (r) => withSignature(signedTestNotification({ ...r, status: 'completed' }, TEST_SIGNING), null),
        'signature_error',
      ],
      [
        'a body signed with another key',
        (r) => signedTestNotification({ ...r, status: 'completed' }, { key: 'not-our-key' }),
        'signature_error',
      ],
      [
        'a wrong amount',
        (r) =>
          signedTestNotification({ ...r, status: 'completed', amount: Number(r.amount) - 1 }, TEST_SIGNING),
        'order_wrong_amount',
      ],
      [
        // Not Invoicebox's format (a JSON number): refused as not being a notification at all.
        'the right amount as a string',
        (r) =>
          signedTestNotification(
            serializeInvoiceboxJson({ ...r, status: 'completed', amount: Number(r.amount).toFixed(2) }),
            TEST_SIGNING,
          ),
        'order_not_found',
      ],
      [
        'a wrong currency',
        (r) => signedTestNotification({ ...r, status: 'completed', currencyId: 'USD' }, TEST_SIGNING),
        'order_wrong_currency',
      ],
      [
        'another merchant',
        (r) =>
          signedTestNotification(
            { ...r, status: 'completed', merchantId: '11111111-1111-4111-8111-111111111111' },
            TEST_SIGNING,
          ),
        'order_not_found',
      ],
      [
        'an unknown order',
        (r) =>
          signedTestNotification(
            {
              ...r,
              status: 'completed',
              id: '22222222-2222-4222-8222-222222222222',
              merchantOrderId: '33333333-3333-4333-8333-333333333333',
            },
            TEST_SIGNING,
          ),
        'order_not_found',
      ],
      [
        'malformed JSON',
        () => withSignature(signedTestNotification('{"id": "abc", ', TEST_SIGNING), 'b'.repeat(40)),
        'signature_error',
      ],
      [
        'signed garbage',
        () => signedTestNotification(serializeInvoiceboxJson({ hello: 'world' }), TEST_SIGNING),
        'order_not_found',
      ],
    ];
    it.each(rejected)(
      'answers %s with the documented error and changes nothing',
      async (_name, make, code) => {
        const { orderId, remote } = await awaitingOrder();
        const before = await eventCount(orderId);
        const { http, answer } = await deliverNotification(h.api.url, make(remote));
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
      const ours = signedTestNotification(probe, TEST_SIGNING);
      expect((await deliverNotification(h.api.url, ours)).answer).toEqual({ status: 'success' });
      const foreign = signedTestNotification(
        { ...probe, merchantId: '11111111-1111-4111-8111-111111111111' },
        TEST_SIGNING,
      );
      expect((await deliverNotification(h.api.url, foreign)).answer).toMatchObject({
        status: 'error',
      });
      expect((await h.database.db.select({ n: count() }).from(notifications))[0]?.n).toBe(before);
    });

    it('answers out_of_service when its database is unavailable, so Invoicebox retries', async () => {
      const { remote } = await awaitingOrder();
      const request = signedTestNotification({ ...remote, status: 'completed' }, TEST_SIGNING);
      // A second replica whose own database connection goes away (a real closed pool / closed PGlite).
      const { api: replica } = await startTestApi({
        ...(h.databaseUrl ? { databaseUrl: h.databaseUrl, poolSize: 2 } : {}),
        sandbox: false,
      });
      try {
        await replica.deps.database.close();
        expect((await deliverNotification(replica.url, request)).answer).toMatchObject({
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
