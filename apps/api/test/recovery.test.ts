import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { orders } from '../src/db/schema.js';
import { buildCreateOrderRequest } from '../src/orders/invoicebox-request.js';
import { loadOrder, loadOrderLines } from '../src/orders/load-order.js';
import { startTestApi, type TestApi } from '../testing/index.js';
import { DRIVERS } from './support/databases.js';
import { checkoutInput } from './support/fixtures.js';
import { useHarness } from './support/harness.js';

for (const driver of DRIVERS) {
  describe.skipIf(driver.skip)(`creation with an unknown outcome on ${driver.name}`, () => {
    const h = useHarness(driver.name);
    // A second replica on the same database whose Invoicebox is unreachable (a closed port).
    let cutOff: TestApi;
    beforeAll(async () => {
      cutOff = await startTestApi({ database: h.database, sandbox: false });
    });
    afterAll(() => cutOff?.close());

    const remoteOrders = async () => h.sandboxControl.orders();

    async function pendingOrder() {
      const input = checkoutInput();
      await expect(cutOff.api.caller().orders.create(input)).rejects.toMatchObject({
        code: 'SERVICE_UNAVAILABLE',
      });
      const [row] = await h.database.db
        .select()
        .from(orders)
        .where(eq(orders.idempotencyKey, input.idempotencyKey));
      expect(row).toMatchObject({ status: 'pending', createAttempts: 1 });
      return { input, orderId: row!.id };
    }

    it('finds an order that did reach Invoicebox instead of creating it twice', async () => {
      const { input, orderId } = await pendingOrder();
      // The lost request did land: Invoicebox has the order under our id.
      const order = (await loadOrder(h.database.db, orderId))!;
      const request = buildCreateOrderRequest(
        h.api.deps.config,
        order,
        await loadOrderLines(h.database.db, orderId),
      );
      const { data } = await h.api.deps.invoicebox('checkout').createOrder(request);

      const retried = await h.http().orders.create.mutate(input);
      expect(retried).toEqual({ orderId, paymentUrl: data.paymentUrl });
      expect((await remoteOrders()).filter((o) => o.merchantOrderId === orderId)).toHaveLength(1);
      expect((await h.api.caller().orders.byId({ id: orderId })).status).toBe('awaiting_payment');
    });

    it('creates it on retry when the lookup shows it never arrived', async () => {
      const { input, orderId } = await pendingOrder();
      expect(await remoteOrders()).toHaveLength(0);
      const retried = await h.http().orders.create.mutate(input);
      expect(retried.orderId).toBe(orderId);
      expect(await remoteOrders()).toHaveLength(1);
    });

    it('orders.sync never creates the order, but adopts it once Invoicebox has it', async () => {
      const { orderId } = await pendingOrder();
      expect((await h.http().orders.sync.query({ id: orderId })).status).toBe('pending');
      expect(await remoteOrders()).toHaveLength(0);

      const order = (await loadOrder(h.database.db, orderId))!;
      const request = buildCreateOrderRequest(
        h.api.deps.config,
        order,
        await loadOrderLines(h.database.db, orderId),
      );
      await h.api.deps.invoicebox('checkout').createOrder(request);
      const synced = await h.http().orders.sync.query({ id: orderId });
      expect(synced.status).toBe('awaiting_payment');
      expect(synced.paymentUrl).not.toBeNull();
    });

    it('expires a pending order that never reached Invoicebox once its payment window has passed', async () => {
      const { orderId } = await pendingOrder();
      await h.database.db
        .update(orders)
        .set({ expiresAt: new Date(Date.now() - 1000) })
        .where(eq(orders.id, orderId));
      expect((await h.http().orders.sync.query({ id: orderId })).status).toBe('expired');
      expect(await remoteOrders()).toHaveLength(0);
    });
  });
}
