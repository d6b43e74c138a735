import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, inject, it } from 'vitest';
import { launchBrowser } from './support/browser';
import { fillCart, fillCustomer, newShopper } from './support/shopper';
import { withPage } from './support/test-page';

const stack = inject('stack');
let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

it('the shop opened as 127.0.0.1 loads its catalog and checks out, though the API is configured with localhost', async () => {
  // The stack configures the API with STOREFRONT_URL=http://localhost:<port>; Vite prints 127.0.0.1.
  const webUrl = stack.webUrl.replace('//localhost:', '//127.0.0.1:');
  expect(webUrl).not.toBe(stack.webUrl);
  await withPage(browser, webUrl, 'loopback-origin', async (page, consoleErrors) => {
    await fillCart(page, webUrl, 1);
    // No redirect to the other spelling: the page stays where the shopper opened it.
    expect(new URL(page.url()).host).toBe(new URL(webUrl).host);
    await page.goto(`${webUrl}/checkout`);
    await fillCustomer(page, newShopper('loopback'));
    await page.locator('[data-testid="pay-button"]').click();
    await page.waitForURL((url) => url.href.startsWith(`${stack.sandboxUrl}/order/`));
    await page.locator('[data-testid="pay"]').waitFor();
    expect(consoleErrors).toEqual([]);
  });
});
