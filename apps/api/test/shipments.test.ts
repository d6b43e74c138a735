import { randomUUID } from 'node:crypto';
import { toBasketItems } from '@checkout/invoicebox';
import { count, eq } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import { orders, shipments } from '../src/db/schema.js';
import { basketFromLines } from '../src/orders/basket-from-lines.js';
import { loadOrderLines } from '../src/orders/load-order.js';
import { PENDING_RECHECK_AFTER_MS } from '../src/shipments/recheck-pending.js';
import { startTestApi } from '../testing/index.js';
import { startCountingProxy } from './support/counting-proxy.js';
import { DRIVERS } from './support/databases.js';
import { checkoutInput } from './support/fixtures.js';
import { placePaidOrder, useHarness } from './support/harness.js';

const SHIPMENT_POST = /^POST \/v3\/billing\/api\/order\/shipment$/;
const SHIPMENT_ANY = /^(POST|GET) \/v3\/(billing|filter)\/api\/order\/shipment/;

for (const driver of DRIVERS) {
  describe.skipIf(driver.skip)(`shipments and the final receipt on ${driver.name}`, () => {
    const h = useHarness(driver.name);
    const closers: (() => Promise<void>)[] = [];
    afterAll(async () => {
      for (const close of closers) await close();
    });

    /** TEA-100 x2 (349.00 each, 22 %) + CONSULT-1H x1 (3000.00), paid. */
    async function paidOrder() {
      const orderId = await placePaidOrder(h);
      const [row] = await h.database.db.select().from(orders).where(eq(orders.id, orderId));
      return { orderId, number: row!.number, invoiceboxOrderId: row!.invoiceboxOrderId! };
    }
    const remoteShipments = async (invoiceboxOrderId: string) =>
      (await h.api.deps.invoicebox('staff').listShipments({ orderId: invoiceboxOrderId })).data;
    /** A second replica on the same database whose shipment answers matching `request` arrive unreadable. */
    async function replicaBehind(request: RegExp) {
      const proxy = await startCountingProxy(h.sandbox.url, { request, body: '<html>502' });
      const replica = await startTestApi({
        database: h.database,
        sandbox: false,
        invoiceboxApiUrl: proxy.url,
      });
      closers.push(replica.close, proxy.close);
      return { staff: replica.api.caller({ admin: true }), proxy };
    }
    const ageShipments = (orderId: string) =>
      h.database.db
        .update(shipments)
        .set({ createdAt: new Date(Date.now() - PENDING_RECHECK_AFTER_MS - 1000) })
        .where(eq(shipments.orderId, orderId));
    const shipmentCount = async (orderId: string) =>
      (await h.database.db.select({ n: count() }).from(shipments).where(eq(shipments.orderId, orderId)))[0]
        ?.n;

    it('ships part, then the rest with final: true; Invoicebox, staff and shopper agree to the kopeck', async () => {
      const { orderId, number, invoiceboxOrderId } = await paidOrder();
      const staff = h.http({ admin: true });

      const first = await staff.admin.shipments.create.mutate({
        orderId,
        lines: [{ sku: 'TEA-100', quantity: 1 }],
      });
      expect(first).toMatchObject({
        status: 'created',
        final: false,
        amount: 34_900,
        documentNumber: `${number}-1`,
      });
      const middle = await staff.admin.orders.byId.query({ id: orderId });
      expect(middle.lines.map((l) => [l.sku, l.shipped, l.leftToShip])).toEqual([
        ['TEA-100', 1, 1],
        ['CONSULT-1H', 0, 1],
      ]);

      const rest = await staff.admin.shipments.create.mutate({ orderId });
      expect(rest).toMatchObject({ status: 'created', final: true, amount: 34_900 + 300_000 });
      expect(rest.lines.map((l) => [l.sku, l.quantity])).toEqual([
        ['TEA-100', 1],
        ['CONSULT-1H', 1],
      ]);

      const remote = await remoteShipments(invoiceboxOrderId);
      expect(remote.map((s) => [s.documentNumber, s.final, s.amount, String(s.id)])).toEqual([
        [`${number}-1`, false, 349, first.invoiceboxShipmentId],
        [`${number}-2`, true, 3349, rest.invoiceboxShipmentId],
      ]);
      expect(remote[1]?.basketItems?.map((i) => [i.sku, i.quantity, i.totalAmount])).toEqual([
        ['TEA-100', 1, 349],
        ['CONSULT-1H', 1, 3000],
      ]);

      const details = await staff.admin.orders.byId.query({ id: orderId });
      expect(details.lines.every((l) => l.leftToShip === 0)).toBe(true);
      expect(details.shipments.map((s) => [s.documentNumber, s.final, s.createdBy])).toEqual([
        [`${number}-1`, false, 'staff'],
        [`${number}-2`, true, 'staff'],
      ]);

      const shopper = await h.http().orders.byId.query({ id: orderId });
      expect(shopper.shipments.map((s) => [s.amount, s.finalReceipt])).toEqual([
        [34_900, false],
        [334_900, true],
      ]);
      // Nothing of ours or Invoicebox's ids, nothing of staff.
      expect(Object.keys(shopper.shipments[0]!).sort()).toEqual([
        'amount',
        'createdAt',
        'finalReceipt',
        'lines',
      ]);
      expect(JSON.stringify(shopper.shipments)).not.toMatch(/staff|documentNumber|invoicebox/i);

      // Closed: a third shipment is refused before anything is sent.
      await expect(staff.admin.shipments.create.mutate({ orderId })).rejects.toMatchObject({
        data: { code: 'PRECONDITION_FAILED' },
      });
      expect(await remoteShipments(invoiceboxOrderId)).toHaveLength(2);
    });

    it('refuses over-shipping and unknown skus naming the field, and writes nothing', async () => {
      const { orderId, invoiceboxOrderId } = await paidOrder();
      const staff = h.http({ admin: true });
      await expect(
        staff.admin.shipments.create.mutate({ orderId, lines: [{ sku: 'TEA-100', quantity: 3 }] }),
      ).rejects.toMatchObject({
        data: {
          code: 'BAD_REQUEST',
          fields: [{ path: ['lines', 0, 'quantity'], message: 'at most 2 of TEA-100 is left to ship' }],
        },
      });
      await expect(
        staff.admin.shipments.create.mutate({
          orderId,
          lines: [
            { sku: 'CONSULT-1H', quantity: 1 },
            { sku: 'NO-SUCH', quantity: 1 },
          ],
        }),
      ).rejects.toMatchObject({ data: { code: 'BAD_REQUEST', fields: [{ path: ['lines', 1, 'sku'] }] } });
      // Refunded goods are not shipped: 2 ordered − 1 refunded leaves 1.
      await staff.admin.refunds.create.mutate({ orderId, lines: [{ sku: 'TEA-100', quantity: 1 }] });
      await expect(
        staff.admin.shipments.create.mutate({ orderId, lines: [{ sku: 'TEA-100', quantity: 2 }] }),
      ).rejects.toMatchObject({
        data: {
          fields: [{ path: ['lines', 0, 'quantity'], message: 'at most 1 of TEA-100 is left to ship' }],
        },
      });
      expect(await shipmentCount(orderId)).toBe(0);
      expect(await remoteShipments(invoiceboxOrderId)).toHaveLength(0);
      // What is left (1 tea, the consultation) goes as the final shipment.
      const all = await staff.admin.shipments.create.mutate({ orderId });
      expect(all).toMatchObject({ final: true, amount: 34_900 + 300_000 });
    });

    it('refuses an unpaid order naming orderId, without asking Invoicebox', async () => {
      const { orderId } = await h.http().orders.create.mutate(checkoutInput());
      await expect(h.http({ admin: true }).admin.shipments.create.mutate({ orderId })).rejects.toMatchObject({
        data: {
          code: 'BAD_REQUEST',
          fields: [{ path: ['orderId'], message: expect.stringMatching(/awaiting_payment/) }],
        },
      });
      expect(await shipmentCount(orderId)).toBe(0);
      expect((await h.http().orders.byId.query({ id: orderId })).shipments).toEqual([]);
    });

    it('two staff shipping the same lines at once ship them once', async () => {
      const { orderId, invoiceboxOrderId } = await paidOrder();
      const ship = () =>
        h
          .http({ admin: true })
          .admin.shipments.create.mutate({ orderId, lines: [{ sku: 'TEA-100', quantity: 2 }] });
      const results = await Promise.allSettled([ship(), ship(), ship()]);
      const done = results.filter((r) => r.status === 'fulfilled');
      const refused = results.filter((r) => r.status === 'rejected');
      expect(done).toHaveLength(1);
      expect(refused.map((r) => (r as PromiseRejectedResult).reason.data.fields[0].path)).toEqual([
        ['lines', 0, 'quantity'],
        ['lines', 0, 'quantity'],
      ]);
      const remote = await remoteShipments(invoiceboxOrderId);
      expect(remote.map((s) => [s.amount, s.final])).toEqual([[698, false]]);
      expect(await shipmentCount(orderId)).toBe(1);
    });

    it('an answer lost on the way back is looked up by documentNumber, never sent again', async () => {
      const { orderId, number, invoiceboxOrderId } = await paidOrder();
      // A second replica whose shipment answers arrive unreadable: Invoicebox did the work, we cannot tell.
      const proxy = await startCountingProxy(h.sandbox.url, { request: SHIPMENT_POST, body: '<html>502' });
      const replica = await startTestApi({
        database: h.database,
        sandbox: false,
        invoiceboxApiUrl: proxy.url,
      });
      closers.push(replica.close, proxy.close);

      const shipped = await replica.api.caller({ admin: true }).admin.shipments.create({ orderId });
      expect(proxy.count(SHIPMENT_POST)).toBe(1);
      expect(proxy.count(/^GET \/v3\/billing\/api\/order\/shipment\?/)).toBe(1);
      const remote = await remoteShipments(invoiceboxOrderId);
      expect(remote).toHaveLength(1);
      expect(shipped).toMatchObject({
        status: 'created',
        final: true,
        documentNumber: `${number}-1`,
        invoiceboxShipmentId: String(remote[0]?.id),
      });
    });

    it('a result that cannot be checked stays pending and counts as shipped; later it is settled from Invoicebox', async () => {
      const { orderId, number, invoiceboxOrderId } = await paidOrder();
      // Neither the answer nor the lookup gets through.
      const { staff, proxy } = await replicaBehind(SHIPMENT_ANY);
      await expect(
        staff.admin.shipments.create({ orderId, lines: [{ sku: 'TEA-100', quantity: 2 }] }),
      ).rejects.toMatchObject({
        code: 'SERVICE_UNAVAILABLE',
        message: expect.stringContaining(`${number}-1`),
      });
      expect(proxy.count(SHIPMENT_POST)).toBe(1);
      const [pending] = await h.database.db.select().from(shipments).where(eq(shipments.orderId, orderId));
      expect(pending).toMatchObject({ status: 'pending', invoiceboxShipmentId: null });

      // Meanwhile the tea may be shipped: nobody ships it again.
      const main = h.http({ admin: true });
      await expect(
        main.admin.shipments.create.mutate({ orderId, lines: [{ sku: 'TEA-100', quantity: 1 }] }),
      ).rejects.toMatchObject({ data: { fields: [{ path: ['lines', 0, 'quantity'] }] } });

      // Staff ask Invoicebox again: it has the tea, so the shipment is settled and the rest is final.
      expect(await main.admin.shipments.recheck.mutate({ orderId })).toEqual({ pending: 0 });
      const rest = await main.admin.shipments.create.mutate({ orderId });
      expect(rest).toMatchObject({ final: true, amount: 300_000, documentNumber: `${number}-2` });
      const details = await main.admin.orders.byId.query({ id: orderId });
      const remote = await remoteShipments(invoiceboxOrderId);
      expect(details.shipments.map((s) => [s.status, s.invoiceboxShipmentId])).toEqual(
        remote.map((r) => ['created', String(r.id)]),
      );
      expect(proxy.count(SHIPMENT_POST)).toBe(1);
    });

    it('a pending shipment Invoicebox never got is settled as failed, and its goods ship again', async () => {
      const { orderId, number, invoiceboxOrderId } = await paidOrder();
      const [tea] = (await loadOrderLines(h.database.db, orderId)).filter((l) => l.sku === 'TEA-100');
      await h.database.db.insert(shipments).values({
        id: randomUUID(),
        orderId,
        documentNumber: `${number}-1`,
        status: 'pending',
        final: false,
        lines: [
          { sku: 'TEA-100', name: tea!.name, quantity: 2, unitPrice: 34_900, total: 69_800, vatAmount: 0 },
        ],
        amount: 69_800,
        vatAmount: 0,
        createdBy: 'staff',
      });
      // Absent at Invoicebox but just saved: its answer may still be on the way, so it stays pending.
      const staff = h.http({ admin: true });
      expect(await staff.admin.shipments.recheck.mutate({ orderId })).toEqual({ pending: 1 });
      await expect(
        staff.admin.shipments.create.mutate({ orderId, lines: [{ sku: 'TEA-100', quantity: 1 }] }),
      ).rejects.toMatchObject({ data: { fields: [{ path: ['lines', 0, 'quantity'] }] } });
      // Long after, the next shipment asks first: never arrived, so the tea ships again with the rest.
      await ageShipments(orderId);
      const all = await staff.admin.shipments.create.mutate({ orderId });
      expect(all).toMatchObject({ final: true, amount: 2 * 34_900 + 300_000, documentNumber: `${number}-2` });
      const details = await h.http({ admin: true }).admin.orders.byId.query({ id: orderId });
      expect(details.shipments.map((s) => [s.documentNumber, s.status])).toEqual([
        [`${number}-1`, 'failed'],
        [`${number}-2`, 'created'],
      ]);
      expect(details.shipments[0]?.failureReason).toMatch(/never reached Invoicebox/);
      expect(await remoteShipments(invoiceboxOrderId)).toHaveLength(1);
    });

    it('a clear refusal by Invoicebox marks the shipment failed and says why', async () => {
      const { orderId, number, invoiceboxOrderId } = await paidOrder();
      // Someone closed the order at Invoicebox behind the shop's back (its cabinet, another system).
      const basket = basketFromLines(await loadOrderLines(h.database.db, orderId));
      await h.api.deps.invoicebox('staff').createShipment({
        orderId: invoiceboxOrderId,
        basketItems: toBasketItems(basket.lines),
        final: true,
      });

      await expect(
        h
          .http({ admin: true })
          .admin.shipments.create.mutate({ orderId, lines: [{ sku: 'TEA-100', quantity: 1 }] }),
      ).rejects.toMatchObject({
        data: { code: 'UNPROCESSABLE_CONTENT' },
        message: expect.stringMatching(new RegExp(`${number}-1.*final shipment`)),
      });
      const details = await h.http({ admin: true }).admin.orders.byId.query({ id: orderId });
      expect(details.shipments.map((s) => [s.status, s.failureReason])).toEqual([
        ['failed', expect.stringContaining('wrong_order_status')],
      ]);
      // A refused shipment shipped nothing: the lines are still there to ship, and the shopper hears of nothing.
      expect(details.lines.map((l) => l.leftToShip)).toEqual([2, 1]);
      expect((await h.http().orders.byId.query({ id: orderId })).shipments).toEqual([]);
    });
  });
}
