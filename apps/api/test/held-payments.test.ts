import { Writable } from 'node:stream';
import {
  createInvoiceboxClient,
  DEMO_SHOP,
  type OrderNotification,
  toBasketItems,
} from '@checkout/invoicebox';
import { signedTestNotification } from '@checkout/invoicebox/testing';
import { asc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { orderEvents, orders } from '../src/db/schema.js';
import { loadEnv } from '../src/env.js';
import { createLogger } from '../src/logger.js';
import { basketFromLines } from '../src/orders/basket-from-lines.js';
import { loadOrderLines } from '../src/orders/load-order.js';
import { deliverNotification, startTestApi, TEST_SIGNING, type TestApi } from '../testing/index.js';
import { DRIVERS } from './support/databases.js';
import { checkoutInput, waitForStatus } from './support/fixtures.js';

describe('INVOICEBOX_HOLD_PAYMENTS', () => {
  it('is off by default, reads true/false (1/0), and names itself when it is anything else', () => {
    expect(loadEnv({}).INVOICEBOX_HOLD_PAYMENTS).toBe(false);
    expect(loadEnv({ INVOICEBOX_HOLD_PAYMENTS: 'true' }).INVOICEBOX_HOLD_PAYMENTS).toBe(true);
    expect(loadEnv({ INVOICEBOX_HOLD_PAYMENTS: '0' }).INVOICEBOX_HOLD_PAYMENTS).toBe(false);
    expect(() => loadEnv({ INVOICEBOX_HOLD_PAYMENTS: 'yes' })).toThrow(
      /INVOICEBOX_HOLD_PAYMENTS: must be true or false/,
    );
  });
});

for (const driver of DRIVERS) {
  describe.skipIf(driver.skip)(`held payments (pre-authorisation) on ${driver.name}`, () => {
    let t: TestApi;
    // A second replica on the same database and sandbox with INVOICEBOX_HOLD_PAYMENTS off; its log is kept.
    let settingOff: TestApi;
    let offLog = '';
    beforeAll(async () => {
      t = await startTestApi({ database: driver.name, holdPayments: true });
      const sink = new Writable({
        write(chunk, _encoding, done) {
          offLog += chunk.toString();
          done();
        },
      });
      settingOff = await startTestApi({
        database: t.database,
        sandbox: false,
        invoiceboxApiUrl: `http://127.0.0.1:${t.sandbox!.port}`,
        logger: createLogger('warn', sink),
      });
    });
    afterAll(async () => {
      await settingOff?.close();
      await t?.close();
    });
    beforeEach(async () => {
      await t.reset();
      // The cabinet of this shop holds card payments (reset() restored the configured settings).
      await control().updateMerchant(DEMO_SHOP.merchantId, { holdPayments: true });
      offLog = '';
    });

    const control = () => t.sandboxControl!;
    const staff = () => t.http({ admin: true });
    const byId = (id: string) => t.api.caller().orders.byId({ id });
    const create = (api = t) => api.http().orders.create.mutate(checkoutInput());
    const events = async (orderId: string) =>
      (
        await t.database.db
          .select()
          .from(orderEvents)
          .where(eq(orderEvents.orderId, orderId))
          .orderBy(asc(orderEvents.id))
      ).map((e) => [e.fromStatus, e.toStatus, e.source]);
    const paidAtOf = async (orderId: string) =>
      (await t.database.db.select({ paidAt: orders.paidAt }).from(orders).where(eq(orders.id, orderId)))[0]
        ?.paidAt;
    /** Invoicebox's own client, as the shop's shipping code would use it: a final shipment captures the hold. */
    const invoicebox = () =>
      createInvoiceboxClient({ baseUrl: `http://127.0.0.1:${t.sandbox!.port}`, token: DEMO_SHOP.token });
    /** Ships every line, the first line only, or the lines after the first (the rest of a partial shipment). */
    const ship = async (orderId: string, final: boolean, part: 'all' | 'first' | 'rest' = 'all') => {
      const { order } = await control().order(orderId);
      const lines = await loadOrderLines(t.database.db, orderId);
      const basket = basketFromLines(
        part === 'all' ? lines : part === 'first' ? lines.slice(0, 1) : lines.slice(1),
      );
      return invoicebox().createShipment({
        orderId: order.id,
        basketItems: toBasketItems(basket.lines),
        final,
      });
    };
    /** Signed notifications about the order as Invoicebox has it, in any status (for out-of-order deliveries). */
    const notification = async (orderId: string, status: string) => {
      const { order } = await control().order(orderId);
      return signedTestNotification({ ...(order as unknown as OrderNotification), status }, TEST_SIGNING);
    };
    /** What the sandbox sent about the order (it files deliveries under its own order id). */
    const deliveries = async (orderId: string) =>
      control().deliveries((await control().order(orderId)).order.id);
    const heldOrder = async () => {
      const { orderId } = await create();
      await control().pay(orderId);
      await waitForStatus(t.api, orderId, 'held');
      return orderId;
    };

    it('pay -> held by the notification; a final shipment captures it -> paid exactly once, paidAt kept', async () => {
      const { orderId } = await create();
      expect((await byId(orderId)).holdPayments).toBe(true);
      await control().pay(orderId);
      await waitForStatus(t.api, orderId, 'held');
      expect((await control().order(orderId)).order.status).toBe('hold');
      const held = await byId(orderId);
      expect(held.paidAt).not.toBeNull();
      expect(held.paymentUrl).toBeNull();
      const heldAt = await paidAtOf(orderId);

      // A shipment that is not final keeps the hold.
      await ship(orderId, false, 'first');
      expect((await control().order(orderId)).order.status).toBe('hold');

      await ship(orderId, true, 'rest');
      await waitForStatus(t.api, orderId, 'paid');
      expect(await paidAtOf(orderId)).toEqual(heldAt);
      expect(await events(orderId)).toEqual([
        ['pending', 'awaiting_payment', 'checkout'],
        ['awaiting_payment', 'held', 'notification'],
        ['held', 'paid', 'notification'],
      ]);
      // Invoicebox repeating the capture notification changes nothing.
      await control().resend(orderId);
      await expect
        .poll(async () =>
          (await deliveries(orderId))
            .filter((d) => d.event === 'payment' && d.outcome === 'delivered')
            .map((d) => JSON.parse(d.responseBody ?? '{}')),
        )
        .toEqual(Array(3).fill({ status: 'success' }));
      expect(await events(orderId)).toHaveLength(3);
    });

    it('staff cancel of a held order releases it at Invoicebox -> canceled; the later notification changes nothing', async () => {
      const orderId = await heldOrder();
      expect(await staff().admin.orders.cancel.mutate({ id: orderId })).toEqual({
        ok: true,
        status: 'canceled',
      });
      expect((await control().order(orderId)).order.status).toBe('canceled');
      const released = await byId(orderId);
      expect(released.status).toBe('canceled');
      // The shopper's page tells a released hold from an order canceled before payment by this.
      expect(released.paidAt).not.toBeNull();
      await expect
        .poll(async () => (await deliveries(orderId)).filter((d) => d.event === 'cancellation'))
        .toMatchObject([{ outcome: 'delivered' }]);
      const [cancellation] = (await deliveries(orderId)).filter((d) => d.event === 'cancellation');
      expect(JSON.parse(cancellation?.responseBody ?? '{}')).toEqual({ status: 'success' });
      // Released once: by staff, or by Invoicebox's canceled notification when it arrives before staff's commit.
      const [created, held, canceled, ...more] = await events(orderId);
      expect([created, held, more]).toEqual([
        ['pending', 'awaiting_payment', 'checkout'],
        ['awaiting_payment', 'held', 'notification'],
        [],
      ]);
      expect(canceled).toEqual(['held', 'canceled', expect.stringMatching(/^(staff|notification)$/)]);
      // A hold delivered late (after the release) is old news, not an error.
      const late = await deliverNotification(t.url, await notification(orderId, 'hold'));
      expect(late.answer).toEqual({ status: 'success' });
      expect((await byId(orderId)).status).toBe('canceled');
    });

    it('release is refused cleanly once a shipment is registered; the order stays held', async () => {
      const orderId = await heldOrder();
      await ship(orderId, false, 'first');
      await expect(staff().admin.orders.cancel.mutate({ id: orderId })).rejects.toMatchObject({
        data: { code: 'PRECONDITION_FAILED' },
        message: expect.stringContaining('final shipment'),
      });
      expect((await byId(orderId)).status).toBe('held');
      expect((await control().order(orderId)).order.status).toBe('hold');
    });

    it('a released hold canceled by Invoicebox itself (the canceled notification) -> canceled', async () => {
      const orderId = await heldOrder();
      await invoicebox().releaseHold((await control().order(orderId)).order.id);
      await waitForStatus(t.api, orderId, 'canceled');
      expect((await events(orderId)).at(-1)).toEqual(['held', 'canceled', 'notification']);
    });

    it('refunds of a held order are refused with what to do instead', async () => {
      const orderId = await heldOrder();
      for (const attempt of [
        () => staff().admin.refunds.create.mutate({ orderId }),
        () => staff().admin.refunds.refundable.query({ orderId }),
      ]) {
        await expect(attempt()).rejects.toMatchObject({
          data: { code: 'PRECONDITION_FAILED' },
          message: expect.stringMatching(/held.*release it.*final shipment/),
        });
      }
      await expect(
        t.http().orders.requestRefund.mutate({ id: orderId, reason: 'передумал' }),
      ).rejects.toMatchObject({ data: { code: 'PRECONDITION_FAILED' } });
      expect((await byId(orderId)).status).toBe('held');
      expect((await control().order(orderId)).refunds).toEqual([]);
    });

    it('a repeated hold notification is applied once', async () => {
      const { orderId } = await create();
      await control().updateSettings({ mode: 'drop' });
      await control().pay(orderId);
      const hold = await notification(orderId, 'hold');
      const answers = await Promise.all(Array.from({ length: 5 }, () => deliverNotification(t.url, hold)));
      expect(answers.map((a) => a.answer)).toEqual(Array(5).fill({ status: 'success' }));
      expect((await byId(orderId)).status).toBe('held');
      expect((await events(orderId)).filter(([, to]) => to === 'held')).toHaveLength(1);
    });

    /** An order paid (held) and captured by a final shipment with both notifications dropped: their bodies. */
    async function heldThenCaptured() {
      const { orderId } = await create();
      await control().updateSettings({ mode: 'drop' });
      await control().pay(orderId);
      const hold = await notification(orderId, 'hold');
      await ship(orderId, true);
      return { orderId, hold, completed: await notification(orderId, 'completed') };
    }

    it('out of order: completed before hold ends paid, and the late hold changes nothing', async () => {
      const { orderId, hold, completed } = await heldThenCaptured();

      expect((await deliverNotification(t.url, completed)).answer).toEqual({ status: 'success' });
      expect((await byId(orderId)).status).toBe('paid');
      expect((await deliverNotification(t.url, hold)).answer).toEqual({ status: 'success' });
      expect((await byId(orderId)).status).toBe('paid');
      expect(await events(orderId)).toEqual([
        ['pending', 'awaiting_payment', 'checkout'],
        ['awaiting_payment', 'paid', 'notification'],
      ]);
    });

    it('in order, hold then completed: held -> paid; a repeated completed is answered as before', async () => {
      const { orderId, hold, completed } = await heldThenCaptured();
      expect((await deliverNotification(t.url, hold)).answer).toEqual({ status: 'success' });
      expect((await deliverNotification(t.url, completed)).answer).toEqual({ status: 'success' });
      expect((await deliverNotification(t.url, completed)).answer).toEqual({ status: 'success' });
      expect((await events(orderId)).slice(1)).toEqual([
        ['awaiting_payment', 'held', 'notification'],
        ['held', 'paid', 'notification'],
      ]);
    });

    it('a lost hold heals through orders.sync, and through the reconciler', async () => {
      await control().updateSettings({ mode: 'drop' });
      const viaSync = (await create()).orderId;
      await control().pay(viaSync);
      expect((await byId(viaSync)).status).toBe('awaiting_payment');
      expect((await t.http().orders.sync.query({ id: viaSync })).status).toBe('held');
      expect((await events(viaSync)).at(-1)).toEqual(['awaiting_payment', 'held', 'sync']);

      const viaReconciler = (await create()).orderId;
      await control().pay(viaReconciler);
      expect(await t.api.reconciler.runOnce()).toBeGreaterThanOrEqual(1);
      expect((await byId(viaReconciler)).status).toBe('held');
      expect((await events(viaReconciler)).at(-1)).toEqual(['awaiting_payment', 'held', 'reconciler']);
    });

    it('held orders stay due for the reconciler until captured or released; a lost capture heals', async () => {
      const orderId = await heldOrder();
      const heldAt = await paidAtOf(orderId);
      // Nothing happened at Invoicebox yet: the order is checked and stays held.
      expect(await t.api.reconciler.claim()).toContain(orderId);
      expect(await t.api.reconciler.runOnce()).toBeGreaterThanOrEqual(0);
      expect((await byId(orderId)).status).toBe('held');

      await control().updateSettings({ mode: 'drop' });
      await ship(orderId, true);
      expect(await t.api.reconciler.runOnce()).toBeGreaterThanOrEqual(1);
      expect((await byId(orderId)).status).toBe('paid');
      expect(await paidAtOf(orderId)).toEqual(heldAt);
      expect((await events(orderId)).at(-1)).toEqual(['held', 'paid', 'reconciler']);
      // Settled: no longer due.
      expect(await t.api.reconciler.claim()).not.toContain(orderId);
    });

    it('a lost release notification heals through orders.sync', async () => {
      const orderId = await heldOrder();
      await control().updateSettings({ mode: 'drop' });
      await invoicebox().releaseHold((await control().order(orderId)).order.id);
      expect((await t.http().orders.sync.query({ id: orderId })).status).toBe('canceled');
      expect((await events(orderId)).at(-1)).toEqual(['held', 'canceled', 'sync']);
    });

    it('with INVOICEBOX_HOLD_PAYMENTS off a hold is still applied as held, with a warning naming the setting', async () => {
      const { orderId } = await create(settingOff);
      expect((await settingOff.api.caller().orders.byId({ id: orderId })).holdPayments).toBe(false);
      await control().pay(orderId);
      await waitForStatus(settingOff.api, orderId, 'held');
      expect(offLog).toContain('INVOICEBOX_HOLD_PAYMENTS is off');
      expect(offLog).toContain(orderId);
      // And its capture is taken as usual.
      await ship(orderId, true);
      await waitForStatus(settingOff.api, orderId, 'paid');
    });
  });
}
