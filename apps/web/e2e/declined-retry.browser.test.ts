import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, inject, it } from 'vitest';
import { adminClient } from './support/api-client';
import { launchBrowser, saveScreenshot } from './support/browser';
import { CARDS, fillCart, fillCustomer, newShopper, payOnSandbox } from './support/shopper';
import { withPage } from './support/test-page';

const stack = inject('stack');
const admin = adminClient(stack.apiUrl, stack.adminToken);
let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

it('a declined card ends on the storefront as not paid, and the retry pays the order (phone screen)', async () => {
  await withPage(
    browser,
    stack.webUrl,
    'declined-retry',
    async (page, consoleErrors) => {
      const shopper = newShopper('declined');
      await fillCart(page, stack.webUrl, 1);
      await page.locator('[data-testid="go-checkout"]').click();
      await fillCustomer(page, shopper);
      await page.locator('[data-testid="pay-button"]').click();
      await page.waitForURL((url) => url.href.startsWith(`${stack.sandboxUrl}/order/`), { timeout: 20_000 });

      await payOnSandbox(page, CARDS.declined, shopper);
      await page.waitForURL((url) => url.href.startsWith(`${stack.webUrl}/orders/`), { timeout: 20_000 });
      const orderId = new URL(page.url()).pathname.split('/').pop()!;

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
      await page.waitForURL((url) => url.href.startsWith(`${stack.sandboxUrl}/order/`), { timeout: 20_000 });
      await payOnSandbox(page, CARDS.success, shopper);
      await page.waitForURL((url) => url.href.startsWith(`${stack.webUrl}/orders/`), { timeout: 20_000 });
      const status = page.locator('[data-testid="order-status"]');
      await expect.poll(() => status.getAttribute('data-status'), { timeout: 20_000 }).toBe('paid');
      await page.locator('[data-testid="paid"]').waitFor();

      expect(consoleErrors).toEqual([]);
    },
    { phone: true },
  );
});
