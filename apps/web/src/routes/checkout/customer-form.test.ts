import { describe, expect, it } from 'vitest';
import { EMPTY_CUSTOMER, normalizePhone, toCustomerInput, validateCustomer } from './customer-form';

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

  it('checks the INN checksum with the shared isValidInn and wants a KPP only for organisations', () => {
    expect(validateCustomer({ ...company, vatNumber: '7707083894' }).vatNumber).toMatch(/контрольная/);
    expect(validateCustomer({ ...company, vatNumber: '77070838' }).vatNumber).toMatch(/10 цифр/);
    expect(validateCustomer({ ...company, kpp: '' }).kpp).toBeDefined();
    expect(validateCustomer({ ...company, kpp: '7736010' }).kpp).toBeDefined();
    expect(validateCustomer({ ...company, vatNumber: '500100732259', kpp: '' })).toEqual({});
    expect(validateCustomer({ ...company, vatNumber: '500100732259' }).kpp).toMatch(/ИП/);
    expect(validateCustomer({ ...company, registrationAddress: ' ' }).registrationAddress).toBeDefined();
  });
});

describe('toCustomerInput', () => {
  it('sends only what the customer type needs, trimmed and normalised', () => {
    expect(toCustomerInput({ ...person, vatNumber: '123' })).toEqual({
      type: 'private',
      name: 'Анна Иванова',
      email: 'anna@example.ru',
      phone: '+79001234567',
    });
    expect(toCustomerInput({ ...company, kpp: ' 773601001 ' })).toMatchObject({
      type: 'legal',
      vatNumber: '7707083893',
      kpp: '773601001',
    });
  });

  it('normalises Russian phone spellings', () => {
    expect(normalizePhone('+7 (900) 123-45-67')).toBe('+79001234567');
    expect(normalizePhone('9001234567')).toBe('+79001234567');
  });
});
