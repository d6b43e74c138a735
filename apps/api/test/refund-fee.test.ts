import { serializeInvoiceboxJson } from '@checkout/invoicebox';
import { signedTestNotification } from '@checkout/invoicebox/testing';
import { startForwardingProxy } from '@checkout/testkit';
import { and, count, eq } from 'drizzle-orm';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { orderEvents, refunds } from '../src/db/schema.js';
import type { RunningApi } from '../src/server.js';
import { deliverNotification, startTestApi, TEST_SIGNING } from '../testing/index.js';
import { startCountingProxy } from './support/counting-proxy.js';
import { DRIVERS } from './support/databases.js';
import { placePaidOrder, useHarness } from './support/harness.js';

const CORRECTION = /^POST \/v3\/billing\/api\/order\/correction-order$/;

/**
 * A forwarder to the sandbox that raises the correction order's amount on the way, so the sandbox itself refuses
 * it (a correction above the refund is `wrong_total_amount`). Everything else passes untouched.
 */
const startInflatingProxy = (target: string) =>
  startForwardingProxy(target, {
    request: (line, body) =>
      CORRECTION.test(line)
        ? Buffer.from(JSON.stringify({ ...JSON.parse(body.toString('utf8')), amount: 999_999 }))
        : body,
  });

for (const driver of DRIVERS) {
  describe.skipIf(driver.skip)(`refunds that keep a fee on ${driver.name}`, () => {
    const h = useHarness(driver.name);
    const closers: (() => Promise<void>)[] = [];
    afterAll(async () => {
      for (const close of closers) await close();
    });

    const paidOrder = () => placePaidOrder(h);

    /** Until the refund has the status and the order has moved with it (the staff page reads them one by one). */
    async function waitForRefund(orderId: string, status: string, orderStatus = 'paid') {
      return vi.waitFor(
        async () => {
          const order = await h.http({ admin: true }).admin.orders.byId.query({ id: orderId });
          const [refund] = order.refunds;
          expect(refund?.status).toBe(status);
          expect(order.status).toBe(orderStatus);
          return { order, refund: refund! };
        },
        { timeout: 10_000, interval: 50 },
      );
    }

    async function replicaBehind(
      url: (sandboxUrl: string) => Promise<{ url: string; close: () => Promise<void> }>,
    ) {
      const proxy = await url(h.sandbox.url);
      const replica = await startTestApi({
        database: h.database,
        sandbox: false,
        invoiceboxApiUrl: proxy.url,
      });
      closers.push(replica.close, proxy.close);
      return replica.api as RunningApi;
    }

    it('refunds a line keeping a fee: Invoicebox pays back the difference and the refund completes', async () => {
      const orderId = await paidOrder();
      const created = await h.http({ admin: true }).admin.refunds.create.mutate({
        orderId,
        lines: [{ sku: 'TEA-100', quantity: 1 }],
        fee: { kopecks: 5_050 },
      });
      expect(created).toMatchObject({ amount: 34_900, feeAmount: 5_050, returnedAmount: 29_850 });
      expect(created.correctionState).toBe('created');
      const { refund } = await waitForRefund(orderId, 'completed', 'partially_refunded');
      expect(refund).toMatchObject({ amount: 34_900, feeAmount: 5_050, returnedAmount: 29_850 });

      const payout = await h.sandboxControl.refundPayout(refund.invoiceboxRefundId!);
      expect(payout.payout).toEqual({ refundAmount: 349, correctionAmount: 50.5, returnedAmount: 298.5 });
      expect(payout.refund.status).toBe('completed');
      expect(payout.correctionOrders.map((o) => o.id)).toEqual([refund.invoiceboxCorrectionOrderId]);
      const [feeItem] = payout.correctionOrders[0]!.basketItems;
      // The fee is taxed as the tea it stands in for (22 % included).
      expect(feeItem).toMatchObject({ name: 'Удержание за возврат', vatCode: 'RUS_VAT22', type: 'service' });
      expect(feeItem?.totalVatAmount).toBe(9.11);

      const shopper = await h.http().orders.byId.query({ id: orderId });
      expect(shopper.refunds).toEqual([
        expect.objectContaining({
          status: 'completed',
          amount: 34_900,
          feeAmount: 5_050,
          returnedAmount: 29_850,
        }),
      ]);
    });

    it('an order whose every line came back is refunded, though the shop kept a fee', async () => {
      const orderId = await paidOrder();
      await h
        .http({ admin: true })
        .admin.refunds.create.mutate({ orderId, fee: { kopecks: 10_000, description: 'Штраф за возврат' } });
      const { refund } = await waitForRefund(orderId, 'completed', 'refunded');
      expect(refund).toMatchObject({ feeName: 'Штраф за возврат', returnedAmount: refund.amount - 10_000 });
    });

    it('refuses a fee not below the refund, naming the field, and creates nothing', async () => {
      const orderId = await paidOrder();
      const staff = h.http({ admin: true });
      for (const kopecks of [34_900, 50_000]) {
        await expect(
          staff.admin.refunds.create.mutate({
            orderId,
            lines: [{ sku: 'TEA-100', quantity: 1 }],
            fee: { kopecks },
          }),
        ).rejects.toMatchObject({ message: expect.stringMatching(/fee\.kopecks/) });
      }
      await expect(staff.admin.refunds.create.mutate({ orderId, fee: { kopecks: 0 } })).rejects.toMatchObject(
        { data: { code: 'BAD_REQUEST' }, message: expect.stringMatching(/fee\.kopecks/) },
      );
      const [written] = await h.database.db
        .select({ n: count() })
        .from(refunds)
        .where(eq(refunds.orderId, orderId));
      expect(written?.n).toBe(0);
      expect((await h.sandboxControl.order(orderId)).refunds).toEqual([]);
      expect((await h.http().orders.byId.query({ id: orderId })).status).toBe('paid');
    });

    it('a refused correction order leaves a draft that staff finish exactly once', async () => {
      const orderId = await paidOrder();
      const replica = await replicaBehind(startInflatingProxy);
      const half = await replica
        .caller({ admin: true })
        .admin.refunds.create({ orderId, lines: [{ sku: 'TEA-100', quantity: 2 }], fee: { kopecks: 1_000 } });
      expect(half).toMatchObject({ status: 'created', correctionState: 'failed', feeAmount: 1_000 });
      expect(half.correctionError).toMatch(/wrong_total_amount/);
      const [draft] = (await h.sandboxControl.order(orderId)).refunds;
      expect(draft).toMatchObject({ id: half.invoiceboxRefundId, status: 'draft' });
      expect((await h.sandboxControl.refundPayout(draft!.id)).correctionOrders).toEqual([]);
      // A sync does not touch a refused correction: finishing is the staff's call.
      await h.http().orders.sync.query({ id: orderId });
      expect((await waitForRefund(orderId, 'created')).refund.correctionState).toBe('failed');

      const staff = h.http({ admin: true });
      const tries = await Promise.allSettled([
        staff.admin.refunds.finishFee.mutate({ refundId: half.id }),
        staff.admin.refunds.finishFee.mutate({ refundId: half.id }),
      ]);
      expect(tries.filter((t) => t.status === 'fulfilled')).toHaveLength(1);
      expect(tries.find((t) => t.status === 'rejected')).toMatchObject({
        reason: { data: { code: 'CONFLICT' } },
      });
      const { refund } = await waitForRefund(orderId, 'completed', 'partially_refunded');
      expect(refund).toMatchObject({
        correctionState: 'created',
        correctionError: null,
        returnedAmount: 68_800,
      });
      const payout = await h.sandboxControl.refundPayout(draft!.id);
      expect(payout.correctionOrders).toHaveLength(1);
      expect(payout.payout).toEqual({ refundAmount: 698, correctionAmount: 10, returnedAmount: 688 });
      await expect(staff.admin.refunds.finishFee.mutate({ refundId: half.id })).rejects.toMatchObject({
        data: { code: 'PRECONDITION_FAILED' },
      });
      expect((await h.sandboxControl.refundPayout(draft!.id)).correctionOrders).toHaveLength(1);
    });

    it('a lost answer to the correction order is looked up, not sent again', async () => {
      const orderId = await paidOrder();
      const replica = await replicaBehind((target) =>
        startCountingProxy(target, { request: CORRECTION, body: '{"data":{"id":42}}' }),
      );
      const refund = await replica
        .caller({ admin: true })
        .admin.refunds.create({ orderId, lines: [{ sku: 'TEA-100', quantity: 1 }], fee: { kopecks: 900 } });
      expect(refund.correctionState).toBe('created');
      expect(refund.invoiceboxCorrectionOrderId).toMatch(/^[0-9a-f-]{36}$/);
      await waitForRefund(orderId, 'completed', 'partially_refunded');
      expect((await h.sandboxControl.refundPayout(refund.invoiceboxRefundId!)).correctionOrders).toHaveLength(
        1,
      );
    });

    it('a fee refund whose creation answer was lost is finished by the next sync', async () => {
      const orderId = await paidOrder();
      // The draft is created, but its answer and the lookup after it both arrive garbled.
      const replica = await replicaBehind((target) =>
        startCountingProxy(target, { request: /refund-order/, body: '{"data":{"id":42}}' }),
      );
      await expect(
        replica.caller({ admin: true }).admin.refunds.create({
          orderId,
          lines: [{ sku: 'TEA-100', quantity: 1 }],
          fee: { kopecks: 2_000 },
        }),
      ).rejects.toMatchObject({ code: 'SERVICE_UNAVAILABLE' });
      const [pending] = await h.database.db.select().from(refunds).where(eq(refunds.orderId, orderId));
      expect(pending).toMatchObject({ status: 'pending', correctionState: 'pending', feeAmount: 2_000 });
      const [draft] = (await h.sandboxControl.order(orderId)).refunds;
      expect(draft?.status).toBe('draft');

      await h.http().orders.sync.query({ id: orderId });
      const { refund } = await waitForRefund(orderId, 'completed', 'partially_refunded');
      expect(refund).toMatchObject({ correctionState: 'created', returnedAmount: 32_900 });
      const payout = await h.sandboxControl.refundPayout(draft!.id);
      expect(payout.correctionOrders.map((o) => o.id)).toEqual([refund.invoiceboxCorrectionOrderId]);
      expect(payout.payout.returnedAmount).toBe(329);
    });

    it('applies duplicate refund notifications once', async () => {
      const orderId = await paidOrder();
      const created = await h.http({ admin: true }).admin.refunds.create.mutate({
        orderId,
        lines: [{ sku: 'TEA-100', quantity: 1 }],
        fee: { kopecks: 100 },
      });
      await waitForRefund(orderId, 'completed', 'partially_refunded');
      const { data } = await h.api.deps.invoicebox('staff').findRefunds({ merchantOrderId: created.id });
      const notification = signedTestNotification(serializeInvoiceboxJson(data[0]), TEST_SIGNING);
      const answers = await Promise.all(
        Array.from({ length: 4 }, () => deliverNotification(h.api.url, notification)),
      );
      expect(answers.map((a) => a.answer)).toEqual(Array(4).fill({ status: 'success' }));
      const [moved] = await h.database.db
        .select({ n: count() })
        .from(orderEvents)
        .where(and(eq(orderEvents.orderId, orderId), eq(orderEvents.toStatus, 'partially_refunded')));
      expect(moved?.n).toBe(1);
      const { refund } = await waitForRefund(orderId, 'completed', 'partially_refunded');
      expect(refund.returnedAmount).toBe(34_800);
    });
  });
}
