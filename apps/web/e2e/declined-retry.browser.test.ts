import { expect, it } from 'vitest';
import { saveScreenshot } from './support/browser';
import { browserFlow } from './support/flow';
import {
  CARDS,
  checkOut,
  expectPaid,
  fillCart,
  fillCustomer,
  newShopper,
  onPaymentPage,
  payAndReturn,
} from './support/shopper';

const { stack, admin, inPage } = browserFlow();

it('a declined card ends on the storefront as not paid, and the retry pays the order (phone screen)', async () => {
  await inPage(
    'declined-retry',
    async (page, consoleErrors) => {
      const shopper = newShopper('declined');
      await fillCart(page, stack.webUrl, 1);
      await checkOut(page, stack, shopper);
      const orderId = await payAndReturn(page, stack, CARDS.declined, shopper);

      const failed = page.locator('[data-testid="payment-failed"]');
      await failed.waitFor();
      expect(await failed.textContent()).toContain('Оплата не прошла');
      expect(await page.locator('[data-testid="order-status"]').getAttribute('data-status')).not.toBe('paid');
      expect((await admin.admin.orders.byId.query({ id: orderId })).status).not.toBe('paid');
      await saveScreenshot(page, 'declined-not-paid');

      // Retry: the same order's payment link while it is still payable, otherwise a new order from its lines.
      const retry = page.locator('[data-testid="retry-payment"]');
      if ((await retry.count()) > 0) {
        await retry.click();
      } else {
        await page.locator('[data-testid="reorder"]').click();
        await page.waitForURL(`${stack.webUrl}/checkout`);
        await fillCustomer(page, shopper);
        await page.locator('[data-testid="pay-button"]').click();
      }
      await onPaymentPage(page, stack.sandboxUrl);
      await payAndReturn(page, stack, CARDS.success, shopper);
      await expectPaid(page);
      await page.locator('[data-testid="paid"]').waitFor();

      expect(consoleErrors).toEqual([]);
    },
    { phone: true },
  );
});
