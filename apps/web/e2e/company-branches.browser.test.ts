import { startForwardingProxy } from '@checkout/testkit';
import { afterAll, expect, it } from 'vitest';
import { saveScreenshot } from './support/browser';
import { browserFlow } from './support/flow';
import { fillCart, newShopper, onPaymentPage } from './support/shopper';

const INN = '7707083893';
/** Valid, but unknown to this registry. */
const UNKNOWN_INN = '7736207543';
const HEAD_OFFICE = {
  vatNumber: INN,
  name: 'ПАО Сбербанк',
  taxRegistrationReasonCode: '773601001',
  registrationAddress: '117312, г. Москва, ул. Вавилова, д. 19',
};
const BRANCH = {
  ...HEAD_OFFICE,
  taxRegistrationReasonCode: '784243001',
  registrationAddress: '191124, г. Санкт-Петербург, ул. Красного Текстильщика, д. 2',
};

/**
 * Invoicebox as the API sees it: the sandbox, except that the registry knows INN as a company with a branch and
 * does not know UNKNOWN_INN (the sandbox's registry has exactly one row for every valid INN). Everything else goes
 * to the sandbox as it is.
 */
const registry = await startForwardingProxy(() => flow.stack.sandboxUrl, {
  answer(line) {
    if (!line.startsWith('GET /v3/filter/api/counterparty-detail')) return undefined;
    const rows = line.includes(INN) ? [HEAD_OFFICE, BRANCH] : line.includes(UNKNOWN_INN) ? [] : null;
    return rows
      ? { status: 200, json: { data: rows, metaData: { totalCount: rows.length, page: 1, pageSize: 30 } } }
      : undefined;
  },
});

// Registered first, so it runs after the flow has stopped its stack (after-hooks run in reverse).
afterAll(() => registry.close());
const flow = browserFlow({ ownStack: { api: { invoiceboxApiUrl: registry.url } } });

it("a company with branches: the shopper picks theirs, and the branch's KPP and address reach Invoicebox", async () => {
  await flow.inPage('company-branches', async (page, consoleErrors) => {
    const shopper = newShopper('company-branches');
    await fillCart(page, flow.stack.webUrl, 1);
    await page.locator('[data-testid="go-checkout"]').click();
    await page.getByLabel('Организация или ИП').check();
    await page.locator('#field-email').fill(shopper.email);
    await page.locator('#field-phone').fill(shopper.phone);
    await page.locator('#field-vatNumber').fill(INN);

    const choices = page.locator('[data-testid="company-choices"] input[type="radio"]');
    await expect.poll(() => choices.count()).toBe(2);
    expect(await page.locator('#field-vatNumber-hint').textContent()).toContain('выберите своё');
    // Nothing is filled until the shopper picks.
    expect(await page.locator('#field-kpp').inputValue()).toBe('');
    await saveScreenshot(page, 'company-branches-choice');

    await page.getByLabel(/КПП 784243001/).check();
    expect(await page.locator('#field-name').inputValue()).toBe(BRANCH.name);
    expect(await page.locator('#field-kpp').inputValue()).toBe(BRANCH.taxRegistrationReasonCode);
    expect(await page.locator('#field-registrationAddress').inputValue()).toBe(BRANCH.registrationAddress);
    await saveScreenshot(page, 'company-branches-filled');

    await page.locator('[data-testid="pay-button"]').click();
    await onPaymentPage(page, flow.stack.sandboxUrl);
    const order = (await flow.sandbox.orders()).find((o) => o.customer.email === shopper.email);
    expect(order?.customer).toMatchObject({
      vatNumber: INN,
      taxRegistrationReasonCode: BRANCH.taxRegistrationReasonCode,
      registrationAddress: BRANCH.registrationAddress,
    });
    expect(consoleErrors).toEqual([]);
  });
});

it('an INN the registry does not know: a quiet hint, and the shopper types the details', async () => {
  await flow.inPage('company-not-found', async (page, consoleErrors) => {
    await fillCart(page, flow.stack.webUrl, 1);
    await page.locator('[data-testid="go-checkout"]').click();
    await page.getByLabel('Организация или ИП').check();
    await page.locator('#field-vatNumber').fill(UNKNOWN_INN);
    const hint = page.locator('#field-vatNumber-hint');
    await expect.poll(() => hint.textContent()).toBe('Не нашли организацию — заполните данные вручную');
    expect(await page.locator('#field-vatNumber').getAttribute('aria-invalid')).toBeNull();
    expect(await page.locator('#field-name').inputValue()).toBe('');
    expect(await page.locator('#field-name').isEditable()).toBe(true);
    expect(consoleErrors).toEqual([]);
  });
});
