import { sandboxControl } from '@checkout/sandbox';
import type { Browser } from 'playwright-core';
import { afterAll, afterEach, beforeAll, expect, inject, it } from 'vitest';
import { adminClient } from './support/api-client';
import { launchBrowser } from './support/browser';
import { CARDS, fillCart, fillCustomer, newShopper, payOnSandbox } from './support/shopper';
import { withPage } from './support/test-page';

const stack = inject('stack');
const admin = adminClient(stack.apiUrl, stack.adminToken);
const sandbox = sandboxControl(stack.sandboxUrl);
let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});
afterEach(async () => {
  await sandbox.updateSettings({ mode: 'deliver', dropRate: 0 });
});
afterAll(async () => {
  await browser?.close();
});

it('a lost notification still ends paid through the return page check', async () => {
  await sandbox.updateSettings({ mode: 'drop', dropRate: 0 });
  await withPage(browser, stack.webUrl, 'lost-notification', async (page, consoleErrors) => {
    const shopper = newShopper('lost');
    await fillCart(page, stack.webUrl, 2);
    await page.locator('[data-testid="go-checkout"]').click();
    await fillCustomer(page, shopper);
    await page.locator('[data-testid="pay-button"]').click();
    await page.waitForURL((url) => url.href.startsWith(`${stack.sandboxUrl}/order/`), { timeout: 20_000 });
    await payOnSandbox(page, CARDS.success, shopper);
    await page.waitForURL((url) => url.href.startsWith(`${stack.webUrl}/orders/`), { timeout: 20_000 });
    const orderId = new URL(page.url()).pathname.split('/').pop()!;

    const status = page.locator('[data-testid="order-status"]');
    await expect.poll(() => status.getAttribute('data-status'), { timeout: 20_000 }).toBe('paid');

    // The sandbox never sent the notification, so the API got "paid" from asking Invoicebox.
    const stored = await admin.admin.orders.byId.query({ id: orderId });
    expect(stored.status).toBe('paid');
    expect(stored.notifications).toEqual([]);
    expect(stored.events.find((event) => event.toStatus === 'paid')?.source).toBe('sync');
    const deliveries = await sandbox.deliveries(stored.invoiceboxOrderId!);
    expect(deliveries.length).toBeGreaterThan(0);
    expect(deliveries.every((delivery) => delivery.outcome === 'dropped')).toBe(true);

    expect(consoleErrors).toEqual([]);
  });
});
