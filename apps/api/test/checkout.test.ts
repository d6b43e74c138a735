import { count } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { orders } from '../src/db/schema.js';
import { DRIVERS } from './support/databases.js';
import { CHECKOUT_AMOUNT, checkoutInput, legalCustomer } from './support/fixtures.js';
import { useHarness } from './support/harness.js';

for (const driver of DRIVERS) {
  describe.skipIf(driver.skip)(`checkout on ${driver.name}`, () => {
    const h = useHarness(driver.name);
    const storedOrders = async () => (await h.database.db.select({ n: count() }).from(orders))[0]?.n ?? 0;

    it('creates the order at Invoicebox with catalog prices and returns the payment link', async () => {
      const input = checkoutInput();
      const created = await h.http().orders.create.mutate(input);
      expect(created.paymentUrl).toMatch(/^http:\/\/localhost:\d+\/order\//);

      const order = await h.api.caller().orders.byId({ id: created.orderId });
      expect(order).toMatchObject({ status: 'awaiting_payment', amount: CHECKOUT_AMOUNT, currency: 'RUB' });
      expect(order.lines.map((l) => [l.sku, l.quantity, l.unitPrice])).toEqual([
        ['TEA-100', 2, 34_900],
        ['CONSULT-1H', 1, 300_000],
      ]);
      // The public view hides personal data.
      expect(order.customer.emailMasked).toBe('i***v@example.ru');
      expect(JSON.stringify(order)).not.toContain('9001234567');

      const { order: remote } = await h.sandboxControl.order(created.orderId);
      expect(remote).toMatchObject({
        merchantOrderId: created.orderId,
        amount: CHECKOUT_AMOUNT / 100,
        notificationUrl: `${h.api.url}/webhooks/invoicebox`,
        successUrl: `http://localhost:5199/orders/${created.orderId}?result=success`,
      });
    });

    it('returns the same order for the same idempotency key, even for simultaneous requests', async () => {
      const input = checkoutInput({ customer: legalCustomer });
      const [a, b] = await Promise.all([
        h.http().orders.create.mutate(input),
        h.api.caller().orders.create(input),
      ]);
      const c = await h.http().orders.create.mutate(input);
      expect(b.orderId).toBe(a.orderId);
      expect(c).toEqual(a);
      expect(await storedOrders()).toBe(1);
      const remote = await h.sandboxControl.orders();
      expect(remote).toHaveLength(1);
      // A retry answers with the key's order even when the cart no longer prices (the product was withdrawn).
      const withdrawn = { ...input, lines: [{ sku: 'NO-LONGER-SOLD', quantity: 1 }] };
      expect(await h.http().orders.create.mutate(withdrawn)).toEqual(a);
      await expect(
        h.http().orders.create.mutate({ ...withdrawn, idempotencyKey: crypto.randomUUID() }),
      ).rejects.toThrow(/unknown product sku "NO-LONGER-SOLD"/);
      expect(await storedOrders()).toBe(1);
    });
  });
}
