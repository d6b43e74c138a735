import { expect, it } from 'vitest';
import { browserFlow } from './support/flow';
import { fillCart, fillCustomer, newShopper, onPaymentPage } from './support/shopper';

const { stack, inPage } = browserFlow();

it('the shop opened as 127.0.0.1 loads its catalog and checks out, though the API is configured with localhost', async () => {
  // The stack configures the API with STOREFRONT_URL=http://localhost:<port>; Vite prints 127.0.0.1.
  const webUrl = stack.webUrl.replace('//localhost:', '//127.0.0.1:');
  expect(webUrl).not.toBe(stack.webUrl);
  await inPage(
    'loopback-origin',
    async (page, consoleErrors) => {
      await fillCart(page, webUrl, 1);
      // No redirect to the other spelling: the page stays where the shopper opened it.
      expect(new URL(page.url()).host).toBe(new URL(webUrl).host);
      await page.goto(`${webUrl}/checkout`);
      await fillCustomer(page, newShopper('loopback'));
      await page.locator('[data-testid="pay-button"]').click();
      await onPaymentPage(page, stack.sandboxUrl);
      await page.locator('[data-testid="pay"]').waitFor();
      expect(consoleErrors).toEqual([]);
    },
    { webUrl },
  );
});
