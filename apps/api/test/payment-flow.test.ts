import { DEMO_SHOP } from '@checkout/invoicebox';
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { orderEvents } from '../src/db/schema.js';
import { DRIVERS } from './support/databases.js';
import { checkoutInput, waitForStatus } from './support/fixtures.js';
import { useHarness } from './support/harness.js';

for (const driver of DRIVERS) {
  describe.skipIf(driver.skip)(`payment flow against the sandbox on ${driver.name}`, () => {
    const h = useHarness(driver.name);
    const create = () => h.http().orders.create.mutate(checkoutInput());
    const events = (orderId: string) =>
      h.database.db
        .select()
        .from(orderEvents)
        .where(eq(orderEvents.orderId, orderId))
        .orderBy(orderEvents.id);
    const deliveries = async (orderId: string) => {
      const { order } = await h.sandboxControl.order(orderId);
      return h.sandboxControl.deliveries(order.id);
    };

    it('pay -> the signed notification arrives over HTTP -> paid, answered success', async () => {
      const { orderId } = await create();
      await h.sandboxControl.pay(orderId);
      await waitForStatus(h.api, orderId, 'paid');
      const order = await h.http().orders.byId.query({ id: orderId });
      expect(order.paidAt).not.toBeNull();
      expect(order.paymentUrl).toBeNull();
      expect((await events(orderId)).map((e) => [e.fromStatus, e.toStatus, e.source])).toEqual([
        ['pending', 'awaiting_payment', 'checkout'],
        ['awaiting_payment', 'paid', 'notification'],
      ]);
      const [delivery] = (await deliveries(orderId)).filter((d) => d.event === 'payment');
      expect(delivery?.outcome).toBe('delivered');
      expect(JSON.parse(delivery?.responseBody ?? '{}')).toEqual({ status: 'success' });
    });

    it('a lost notification heals when the shopper comes back (orders.sync)', async () => {
      const { orderId } = await create();
      await h.sandboxControl.updateSettings({ mode: 'drop' });
      await h.sandboxControl.pay(orderId);
      expect((await h.http().orders.byId.query({ id: orderId })).status).toBe('awaiting_payment');
      const synced = await h.http().orders.sync.query({ id: orderId });
      expect(synced.status).toBe('paid');
      expect((await events(orderId)).at(-1)).toMatchObject({ toStatus: 'paid', source: 'sync' });
    });

    it('the reconciler heals a lost notification for an order left awaiting payment', async () => {
      const { orderId } = await create();
      await h.sandboxControl.updateSettings({ mode: 'drop' });
      await h.sandboxControl.pay(orderId);
      expect(await h.api.reconciler.runOnce()).toBeGreaterThanOrEqual(1);
      expect((await h.api.caller().orders.byId({ id: orderId })).status).toBe('paid');
      expect((await events(orderId)).at(-1)).toMatchObject({ toStatus: 'paid', source: 'reconciler' });
    });

    it('a declined payment leaves the order awaiting payment (the shopper may retry)', async () => {
      const { orderId } = await create();
      await h.sandboxControl.decline(orderId);
      const synced = await h.http().orders.sync.query({ id: orderId });
      expect(synced.status).toBe('awaiting_payment');
      expect(synced.paymentUrl).not.toBeNull();
    });

    it('expiry at Invoicebox expires the order', async () => {
      const { orderId } = await create();
      await h.sandboxControl.expire(orderId);
      await waitForStatus(h.api, orderId, 'expired');
      expect((await events(orderId)).at(-1)).toMatchObject({ toStatus: 'expired', source: 'notification' });
    });

    it('staff cancel an unpaid order at Invoicebox and here; a paid one cannot be canceled', async () => {
      const { orderId } = await create();
      const staff = h.http({ admin: true });
      await staff.admin.orders.cancel.mutate({ id: orderId });
      expect((await h.api.caller().orders.byId({ id: orderId })).status).toBe('canceled');
      const { order: remote } = await h.sandboxControl.order(orderId);
      expect(remote.status).toBe('canceled');

      const paid = await create();
      await h.sandboxControl.pay(paid.orderId);
      await waitForStatus(h.api, paid.orderId, 'paid');
      await expect(staff.admin.orders.cancel.mutate({ id: paid.orderId })).rejects.toMatchObject({
        data: { code: 'PRECONDITION_FAILED' },
      });
    });

    it.each([
      ['refundable lines carry availableAmount (as the MCP client reads them)', true],
      ['refundable lines come without availableAmount (as the PHP SDK fixture shows them)', false],
    ])(
      'a partial refund, then the rest: partially_refunded -> refunded; %s',
      async (_shape, withAvailable) => {
        await h.sandboxControl.updateMerchant(DEMO_SHOP.merchantId, {
          refundBasketAvailableAmount: withAvailable,
        });
        const { orderId } = await create();
        await h.sandboxControl.pay(orderId);
        await waitForStatus(h.api, orderId, 'paid');
        const staff = h.http({ admin: true });

        const refundable = await staff.admin.refunds.refundable.query({ orderId });
        expect(refundable.find((l) => l.sku === 'TEA-100')).toMatchObject({
          unitPrice: 34_900,
          availableQuantity: 2,
          availableAmount: 69_800,
        });
        const partial = await staff.admin.refunds.create.mutate({
          orderId,
          lines: [{ sku: 'TEA-100', quantity: 1 }],
        });
        expect(partial.amount).toBe(34_900);
        await waitForStatus(h.api, orderId, 'partially_refunded');

        const left = await staff.admin.refunds.refundable.query({ orderId });
        expect(left.find((l) => l.sku === 'TEA-100')?.availableQuantity).toBe(1);
        await expect(
          staff.admin.refunds.create.mutate({ orderId, lines: [{ sku: 'TEA-100', quantity: 2 }] }),
        ).rejects.toMatchObject({ data: { code: 'BAD_REQUEST' } });

        const rest = await staff.admin.refunds.create.mutate({ orderId, reason: 'клиент отказался' });
        expect(rest.amount).toBe(34_900 + 300_000);
        await waitForStatus(h.api, orderId, 'refunded');
        expect(await staff.admin.refunds.refundable.query({ orderId })).toEqual([]);

        const details = await staff.admin.orders.byId.query({ id: orderId });
        expect(details.refunds.map((r) => r.status)).toEqual(['completed', 'completed']);
        expect(details.events.map((e) => e.toStatus)).toEqual([
          'awaiting_payment',
          'paid',
          'partially_refunded',
          'refunded',
        ]);
      },
    );

    it('records the shopper refund request for a paid order only', async () => {
      const { orderId } = await create();
      await expect(
        h.http().orders.requestRefund.mutate({ id: orderId, reason: 'не подошло' }),
      ).rejects.toMatchObject({
        data: { code: 'PRECONDITION_FAILED' },
      });
      await h.sandboxControl.pay(orderId);
      await waitForStatus(h.api, orderId, 'paid');
      expect(await h.http().orders.requestRefund.mutate({ id: orderId, reason: 'не подошло' })).toEqual({
        ok: true,
      });
      expect((await h.http().orders.byId.query({ id: orderId })).refundRequested).toBe(true);
      const details = await h.api.caller({ admin: true }).admin.orders.byId({ id: orderId });
      expect(details.refundRequests).toHaveLength(1);
    });
  });
}
