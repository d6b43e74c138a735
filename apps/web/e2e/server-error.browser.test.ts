import { expect, it } from 'vitest';
import { browserFlow } from './support/flow';
import { fillCart, fillCustomer, newShopper, onPaymentPage } from './support/shopper';

const { stack, admin, inPage } = browserFlow();

it('an error only the server catches is shown next to its field in Russian, and the fixed form goes through', async () => {
  await inPage('server-error', async (page, consoleErrors) => {
    const shopper = newShopper('server');
    // The form and the API share one schema, so the refusal is made server-only by changing the request in flight.
    const rejected = shopper.email.replace(/\.ru$/, '.r');
    const createOrder = '**/trpc/orders.create**';
    await page.route(createOrder, (route) =>
      route.continue({ postData: route.request().postData()?.replace(shopper.email, rejected) }),
    );
    await fillCart(page, stack.webUrl, 1);
    await page.locator('[data-testid="go-checkout"]').click();
    await fillCustomer(page, shopper);
    await page.locator('[data-testid="pay-button"]').click();

    const error = page.locator('[data-testid="error-email"]');
    await error.waitFor();
    expect(await error.textContent()).toBe('Магазин не принял e-mail: проверьте его');
    expect(await page.locator('#field-email').getAttribute('aria-invalid')).toBe('true');
    expect(await page.locator('[data-testid="checkout-error"]').textContent()).toMatch(/Проверьте поля/);
    expect(page.url()).toBe(`${stack.webUrl}/checkout`);
    expect((await admin.admin.orders.list.query({ search: rejected })).total).toBe(0);

    await page.unroute(createOrder);
    await page.locator('#field-email').fill(shopper.email);
    await page.locator('[data-testid="pay-button"]').click();
    await onPaymentPage(page, stack.sandboxUrl);
    expect((await admin.admin.orders.list.query({ search: shopper.email })).total).toBe(1);

    // The browser reports the refused request itself; nothing else may appear.
    expect(consoleErrors).toHaveLength(1);
    expect(consoleErrors[0]).toMatch(/status of 400/);
  });
});
