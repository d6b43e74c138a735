import { describe, expect, it } from 'vitest';
import { normalizePhone, SHOP_CUSTOMER_LIMITS, shopCustomerSchema } from '../src/web.js';

const person = {
  type: 'private',
  name: 'Анна Иванова',
  email: 'anna@example.ru',
  phone: '8 (900) 123-45-67',
};
const company = {
  type: 'legal',
  name: 'ООО «Ромашка»',
  email: 'buh@romashka.example',
  phone: '+7 900 111-22-33',
  vatNumber: '7707083893',
  kpp: ' 773601001 ',
  registrationAddress: 'г. Москва, ул. Вавилова, д. 19',
};

/** Each failing field with its issue code and, for custom issues, the rule. */
function problems(input: unknown): string[] {
  const result = shopCustomerSchema.safeParse(input);
  if (result.success) return [];
  return result.error.issues.map((issue) => {
    const rule = issue.code === 'custom' ? `:${issue.params?.rule}` : '';
    return `${issue.path.join('.')}:${issue.code}${rule}`;
  });
}

describe('shopCustomerSchema', () => {
  it('normalises what a checkout form typed, and its output parses again unchanged', () => {
    const parsed = shopCustomerSchema.parse(company);
    expect(parsed).toEqual({ ...company, phone: '79001112233', kpp: '773601001' });
    expect(shopCustomerSchema.parse(parsed)).toEqual(parsed);
    expect(shopCustomerSchema.parse(person).phone).toBe('79001234567');
  });

  it('holds Invoicebox’s documented lengths and E.164’s 15 digits', () => {
    const name = 'Я'.repeat(SHOP_CUSTOMER_LIMITS.name);
    expect(problems({ ...person, name })).toEqual([]);
    expect(problems({ ...person, name: `${name}я` })).toEqual(['name:too_big']);
    const email = `${'a'.repeat(SHOP_CUSTOMER_LIMITS.email - 11)}@example.ru`;
    expect(problems({ ...person, email })).toEqual([]);
    expect(problems({ ...person, email: `a${email}` })).toEqual(['email:too_big']);
    expect(problems({ ...person, phone: '+44 20 7946 0958' })).toEqual([]);
    expect(problems({ ...person, phone: '+1234 5678 9012 345' })).toEqual([]);
    expect(problems({ ...person, phone: '+1234 5678 9012 3456' })).toEqual(['phone:too_big']);
    expect(problems({ ...person, phone: '495 123-45-67' })).toEqual(['phone:too_small']);
    expect(problems({ ...person, phone: '+7 900 abc 45 67' })).toEqual(['phone:invalid_format']);
  });

  it('names every missing or malformed field at once', () => {
    expect(problems({ type: 'private', name: ' ', email: '', phone: '' })).toEqual([
      'name:too_small',
      'email:too_small',
      'phone:invalid_format',
    ]);
    expect(problems({ ...person, email: 'anna@' })).toEqual(['email:invalid_format']);
    expect(problems({ ...person, name: 'Анна\u0000' })).toEqual(['name:custom:control_characters']);
    expect(problems({ ...person, price: 1 })).toEqual([':unrecognized_keys']);
  });

  it('checks the INN, wants a KPP from organisations only, and company details only from companies', () => {
    expect(problems({ ...company, vatNumber: '7707083894' })).toEqual(['vatNumber:custom:inn_checksum']);
    expect(problems({ ...company, vatNumber: '77070838' })).toEqual(['vatNumber:invalid_format']);
    expect(problems({ ...company, kpp: undefined })).toEqual(['kpp:custom:required']);
    expect(problems({ ...company, kpp: '7736010' })).toEqual(['kpp:invalid_format']);
    expect(problems({ ...company, vatNumber: '500100732259', kpp: undefined })).toEqual([]);
    expect(problems({ ...company, vatNumber: '500100732259' })).toEqual(['kpp:custom:sole_trader_kpp']);
    expect(problems({ ...company, vatNumber: undefined, kpp: undefined })).toEqual([
      'vatNumber:custom:required',
    ]);
    expect(problems({ ...company, registrationAddress: ' ' })).toEqual(['registrationAddress:too_small']);
    expect(problems({ ...person, vatNumber: '7707083893' })).toEqual(['vatNumber:custom:legal_only']);
  });
});

describe('normalizePhone', () => {
  it('turns Russian spellings into the digits Invoicebox wants and leaves others as digits', () => {
    expect(normalizePhone('+7 (900) 123-45-67')).toBe('79001234567');
    expect(normalizePhone('8 900 123 45 67')).toBe('79001234567');
    expect(normalizePhone('900 123-45-67')).toBe('79001234567');
    expect(normalizePhone('+44 20 7946 0958')).toBe('442079460958');
  });
});
