import { expect, it } from 'vitest';
import { browserFlow } from './support/flow';
import { fillCustomer, newShopper, onPaymentPage, tabTo } from './support/shopper';

const { stack, admin, sandbox, inPage } = browserFlow();

it('a company checkout with a bad INN is stopped at the field and creates no order', async () => {
  await inPage('company-bad-inn', async (page, consoleErrors) => {
    const shopper = { ...newShopper('company'), name: 'ООО «Ромашка»' };
    const ordersBefore = (await sandbox.orders()).length;
    const requests: string[] = [];
    page.on('request', (request) => {
      if (request.url().includes('orders.create')) requests.push(request.url());
    });

    // Keyboard only: Tab to the first "В корзину", Enter, then on to the checkout link.
    await page.goto(stack.webUrl);
    await page.locator('[data-testid="add-to-cart"]').first().waitFor();
    await tabTo(page, '[data-testid="add-to-cart"]');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.locator('[data-testid="cart-line"]').count()).toBe(1);
    await tabTo(page, '[data-testid="go-checkout"]');
    await page.keyboard.press('Enter');
    await page.waitForURL(`${stack.webUrl}/checkout`);
    await page.getByLabel('Организация или ИП').check();
    await fillCustomer(page, shopper);
    const inn = page.locator('#field-vatNumber');
    await inn.fill('7707083894'); // Sberbank's INN with the last digit changed: the checksum fails
    await page.locator('#field-kpp').fill('773601001');
    await page.locator('#field-registrationAddress').fill('117312, г. Москва, ул. Вавилова, д. 19');
    // Submit from the keyboard.
    await page.locator('#field-registrationAddress').press('Enter');

    const error = page.locator('[data-testid="error-vatNumber"]');
    await error.waitFor();
    expect(await error.textContent()).toContain('ИНН');
    expect(await inn.getAttribute('aria-invalid')).toBe('true');
    expect(await inn.getAttribute('aria-describedby')).toContain(
      (await error.getAttribute('id')) ?? 'missing',
    );
    // Focus went to the field that needs fixing.
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('field-vatNumber');
    expect(page.url()).toBe(`${stack.webUrl}/checkout`);
    expect(requests).toEqual([]);
    expect((await sandbox.orders()).length).toBe(ordersBefore);
    expect((await admin.admin.orders.list.query({ search: shopper.email })).total).toBe(0);

    // With the right INN the same form goes through to the payment page, as a company.
    await inn.fill('7707083893');
    await expect.poll(() => error.count()).toBe(0);
    await page.locator('[data-testid="pay-button"]').click();
    await onPaymentPage(page, stack.sandboxUrl);
    const list = await admin.admin.orders.list.query({ search: shopper.email });
    expect(list.total).toBe(1);
    const order = await admin.admin.orders.byId.query({ id: list.orders[0]!.id });
    expect(order.customer.type).toBe('legal');
    expect(order.customer.vatNumber).toBe('7707083893');

    expect(consoleErrors).toEqual([]);
  });
});
