import { randomUUID } from 'node:crypto';
import { fromKopecks, serializeInvoiceboxJson, toBasketItems } from '@checkout/invoicebox';
import { signedTestNotification } from '@checkout/invoicebox/testing';
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { refunds } from '../src/db/schema.js';
import { basketFromLines } from '../src/orders/basket-from-lines.js';
import { loadOrder, loadOrderLines } from '../src/orders/load-order.js';
import { deliverNotification, TEST_SIGNING } from '../testing/index.js';
import { DRIVERS } from './support/databases.js';
import { checkoutInput, waitForStatus } from './support/fixtures.js';
import { useHarness } from './support/harness.js';

const ROUNDS = 30;

for (const driver of DRIVERS) {
  describe.skipIf(driver.skip)(`refund sync racing a refund notification on ${driver.name}`, () => {
    const h = useHarness(driver.name);

    it('never moves a refund the notification completed back to created', async () => {
      const { orderId } = await h.http().orders.create.mutate(checkoutInput());
      await h.sandboxControl.pay(orderId);
      await waitForStatus(h.api, orderId, 'paid');
      const order = await loadOrder(h.database.db, orderId);
      const lines = (await loadOrderLines(h.database.db, orderId))
        .filter((line) => line.sku === 'TEA-100')
        .map((line) => ({ ...line, quantity: 1 }));
      const basket = basketFromLines(lines);
      const refundId = randomUUID();
      await h.database.db.insert(refunds).values({
        id: refundId,
        orderId,
        lines: [],
        amount: basket.amount,
        vatAmount: basket.vatAmount,
        status: 'pending',
      });
      // A draft stays open at the sandbox, so every sync sees a refund Invoicebox has not completed yet.
      const { data: remote } = await h.api.deps.invoicebox('staff').createRefund({
        parentId: order?.invoiceboxOrderId,
        merchantOrderId: refundId,
        amount: fromKopecks(basket.amount),
        vatAmount: fromKopecks(basket.vatAmount),
        basketItems: toBasketItems(basket.lines),
        description: 'Возврат',
        status: 'draft',
      } as Parameters<ReturnType<typeof h.api.deps.invoicebox>['createRefund']>[0]);
      const refundStatus = async () =>
        (await h.database.db.select({ s: refunds.status }).from(refunds).where(eq(refunds.id, refundId)))[0]
          ?.s;

      for (let round = 0; round < ROUNDS; round++) {
        // Back to "creation result unknown" (test setup, not a transition): sync then wants pending -> created.
        await h.database.db
          .update(refunds)
          .set({ status: 'pending', invoiceboxRefundId: null, completedAt: null })
          .where(eq(refunds.id, refundId));
        // The refund order as Invoicebox answered it, now completed: what its refund notification carries.
        const completed = signedTestNotification(
          serializeInvoiceboxJson({ ...remote, status: 'completed', description: `Возврат, раунд ${round}` }),
          TEST_SIGNING,
        );
        const [synced, delivered] = await Promise.all([
          h.http().orders.sync.query({ id: orderId }),
          deliverNotification(h.api.url, completed),
        ]);
        expect(delivered.answer).toEqual({ status: 'success' });
        expect(synced.status).toMatch(/^(paid|partially_refunded)$/);
        expect(await refundStatus()).toBe('completed');
        // A sync after the fact reads nothing open and leaves it alone.
        await h.http().orders.sync.query({ id: orderId });
        expect(await refundStatus()).toBe('completed');
      }
      expect((await h.http().orders.byId.query({ id: orderId })).status).toBe('partially_refunded');
    }, 120_000);
  });
}
