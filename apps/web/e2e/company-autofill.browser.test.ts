import type { Page } from 'playwright-core';
import { expect, it } from 'vitest';
import { saveScreenshot } from './support/browser';
import { browserFlow } from './support/flow';
import { fillCart, newShopper, onPaymentPage } from './support/shopper';

const { stack, sandbox, inPage } = browserFlow();

const SBERBANK = {
  vatNumber: '7707083893',
  name: 'ПАО Сбербанк',
  kpp: '773601001',
  address: '117312, г. Москва, ул. Вавилова, д. 19',
};

async function companyCheckout(page: Page): Promise<string[]> {
  const lookups: string[] = [];
  page.on('request', (request) => {
    if (request.url().includes('companies.byInn')) lookups.push(request.url());
  });
  await fillCart(page, stack.webUrl, 1);
  await page.locator('[data-testid="go-checkout"]').click();
  await page.waitForURL(`${stack.webUrl}/checkout`);
  await page.getByLabel('Организация или ИП').check();
  return lookups;
}

const value = (page: Page, id: string) => page.locator(`#field-${id}`).inputValue();

it('a known INN fills name, KPP and address; a hand edit survives and reaches Invoicebox', async () => {
  await inPage('company-autofill', async (page, consoleErrors) => {
    const shopper = newShopper('company-autofill');
    const lookups = await companyCheckout(page);
    await page.locator('#field-email').fill(shopper.email);
    await page.locator('#field-phone').fill(shopper.phone);
    await page.locator('#field-vatNumber').pressSequentially(SBERBANK.vatNumber, { delay: 20 });

    await expect.poll(() => value(page, 'name')).toBe(SBERBANK.name);
    expect(await value(page, 'kpp')).toBe(SBERBANK.kpp);
    expect(await value(page, 'registrationAddress')).toBe(SBERBANK.address);
    // The note takes the INN field's hint line (the form does not jump under the shopper's pointer).
    const note = page.locator('#field-vatNumber-hint');
    await expect.poll(() => note.textContent()).toBe('Заполнили название, КПП и адрес по ИНН — проверьте их');
    expect(await note.getAttribute('role')).toBe('status');
    // Typed digit by digit, asked once: only the complete, valid INN is looked up.
    expect(lookups).toHaveLength(1);
    await saveScreenshot(page, 'company-autofill-filled');

    // The shopper corrects the address; leaving the INN field again changes nothing they typed.
    const office = `${SBERBANK.address}, офис 5`;
    await page.locator('#field-registrationAddress').fill(office);
    await page.locator('#field-vatNumber').focus();
    await page.locator('#field-vatNumber').blur();
    expect(await value(page, 'registrationAddress')).toBe(office);
    expect(await value(page, 'name')).toBe(SBERBANK.name);
    await saveScreenshot(page, 'company-autofill-edited');

    await page.locator('[data-testid="pay-button"]').click();
    await onPaymentPage(page, stack.sandboxUrl);
    const order = (await sandbox.orders()).find((o) => o.customer.email === shopper.email);
    expect(order?.customer).toMatchObject({
      type: 'legal',
      name: SBERBANK.name,
      vatNumber: SBERBANK.vatNumber,
      taxRegistrationReasonCode: SBERBANK.kpp,
      registrationAddress: office,
    });
    expect(consoleErrors).toEqual([]);
  });
});

it('a wrong check digit is an error at the INN field before any lookup; a sole trader gets no KPP', async () => {
  await inPage('company-autofill-bad-inn', async (page, consoleErrors) => {
    const lookups = await companyCheckout(page);
    const inn = page.locator('#field-vatNumber');
    await inn.fill('7707083894');

    const error = page.locator('[data-testid="error-vatNumber"]');
    await error.waitFor();
    expect(await error.textContent()).toBe('ИНН с ошибкой: контрольная цифра не сходится');
    expect(await inn.getAttribute('aria-invalid')).toBe('true');
    expect(await inn.getAttribute('aria-describedby')).toContain(
      (await error.getAttribute('id')) ?? 'missing',
    );
    expect(lookups).toEqual([]);
    await saveScreenshot(page, 'company-autofill-wrong-inn');

    // A sole trader's INN (12 digits; the sandbox makes up a region-50 ИП for it): the error goes, no KPP.
    await inn.fill('500100732259');
    await expect.poll(() => value(page, 'name')).toMatch(/^ИП /);
    expect(await error.count()).toBe(0);
    expect(await inn.getAttribute('aria-invalid')).toBeNull();
    expect(await value(page, 'kpp')).toBe('');
    expect(await value(page, 'registrationAddress')).toMatch(/Московская обл/);
    expect(lookups).toHaveLength(1);
    expect(consoleErrors).toEqual([]);
  });
});
