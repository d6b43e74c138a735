import { SHOP_CUSTOMER_LIMITS } from '@checkout/invoicebox/web';
import { describe, expect, it } from 'vitest';
import { checkCustomer, EMPTY_CUSTOMER, validateCustomer } from './customer-form';

const person = {
  ...EMPTY_CUSTOMER,
  name: 'Анна Иванова',
  email: 'anna@example.ru',
  phone: '8 (900) 123-45-67',
};
const company = {
  ...person,
  type: 'legal' as const,
  name: 'ООО «Ромашка»',
  vatNumber: '7707083893',
  kpp: '773601001',
  registrationAddress: 'г. Москва, ул. Вавилова, д. 19',
};

describe('validateCustomer', () => {
  it('accepts a complete private person and a complete company', () => {
    expect(validateCustomer(person)).toEqual({});
    expect(validateCustomer(company)).toEqual({});
  });

  it('names every missing or malformed field', () => {
    expect(Object.keys(validateCustomer(EMPTY_CUSTOMER)).sort()).toEqual(['email', 'name', 'phone']);
    expect(validateCustomer({ ...person, email: 'anna@' }).email).toBeDefined();
    expect(validateCustomer({ ...person, phone: '12-34' }).phone).toBeDefined();
    expect(validateCustomer({ ...person, phone: '+7 900 abc 45 67' }).phone).toBeDefined();
  });

  // The API refuses exactly these too (apps/api/test/checkout-input.test.ts): one schema, one set of limits.
  it('keeps the limits the API keeps', () => {
    const longest = 'Я'.repeat(SHOP_CUSTOMER_LIMITS.name);
    expect(validateCustomer({ ...person, name: longest })).toEqual({});
    expect(validateCustomer({ ...person, name: `${longest}я` }).name).toMatch(/не больше 500/);
    expect(validateCustomer({ ...person, phone: '495 123-45-67' }).phone).toMatch(/кодом страны/);
    expect(validateCustomer({ ...person, phone: '+1234 5678 9012 3456' }).phone).toBeDefined();
    expect(validateCustomer({ ...person, phone: '+44 20 7946 0958' })).toEqual({});
  });

  it('checks the INN checksum and wants a KPP only for organisations', () => {
    expect(validateCustomer({ ...company, vatNumber: '7707083894' }).vatNumber).toMatch(/контрольная/);
    expect(validateCustomer({ ...company, vatNumber: '77070838' }).vatNumber).toMatch(/10 цифр/);
    expect(validateCustomer({ ...company, vatNumber: '' }).vatNumber).toMatch(/10 цифр/);
    expect(validateCustomer({ ...company, kpp: '' }).kpp).toMatch(/укажите КПП/);
    expect(validateCustomer({ ...company, kpp: '7736010' }).kpp).toMatch(/9 символов/);
    expect(validateCustomer({ ...company, vatNumber: '500100732259', kpp: '' })).toEqual({});
    expect(validateCustomer({ ...company, vatNumber: '500100732259' }).kpp).toMatch(/ИП/);
    expect(validateCustomer({ ...company, registrationAddress: ' ' }).registrationAddress).toBeDefined();
  });
});

describe('checkCustomer', () => {
  it('gives what the API takes: only what the customer type needs, trimmed and normalised', () => {
    expect(checkCustomer({ ...person, vatNumber: '123' }).customer).toEqual({
      type: 'private',
      name: 'Анна Иванова',
      email: 'anna@example.ru',
      phone: '79001234567',
    });
    expect(checkCustomer({ ...company, kpp: ' 773601001 ' }).customer).toMatchObject({
      type: 'legal',
      vatNumber: '7707083893',
      kpp: '773601001',
    });
    expect(checkCustomer({ ...person, email: '' })).toMatchObject({ customer: null });
  });
});
