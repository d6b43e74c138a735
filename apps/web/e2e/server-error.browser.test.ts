import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, inject, it } from 'vitest';
import { adminClient } from './support/api-client';
import { launchBrowser } from './support/browser';
import { fillCart, fillCustomer, newShopper } from './support/shopper';
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

it('an error only the server catches is shown next to its field in Russian, and the fixed form goes through', async () => {
  await withPage(browser, stack.webUrl, 'server-error', async (page, consoleErrors) => {
    const shopper = newShopper('server');
    // The browser's own check accepts a one-letter top-level domain; the API's e-mail rule does not.
    const rejected = shopper.email.replace(/\.ru$/, '.r');
    await fillCart(page, stack.webUrl, 1);
    await page.locator('[data-testid="go-checkout"]').click();
    await fillCustomer(page, { ...shopper, email: rejected });
    await page.locator('[data-testid="pay-button"]').click();

    const error = page.locator('[data-testid="error-email"]');
    await error.waitFor();
    expect(await error.textContent()).toBe('Магазин не принял e-mail: проверьте его');
    expect(await page.locator('#field-email').getAttribute('aria-invalid')).toBe('true');
    expect(await page.locator('[data-testid="checkout-error"]').textContent()).toMatch(/Проверьте поля/);
    expect(page.url()).toBe(`${stack.webUrl}/checkout`);
    expect((await admin.admin.orders.list.query({ search: rejected })).total).toBe(0);

    await page.locator('#field-email').fill(shopper.email);
    await page.locator('[data-testid="pay-button"]').click();
    await page.waitForURL((url) => url.href.startsWith(`${stack.sandboxUrl}/order/`), { timeout: 20_000 });
    expect((await admin.admin.orders.list.query({ search: shopper.email })).total).toBe(1);

    // The browser reports the refused request itself; nothing else may appear.
    expect(consoleErrors).toHaveLength(1);
    expect(consoleErrors[0]).toMatch(/status of 400/);
  });
});
