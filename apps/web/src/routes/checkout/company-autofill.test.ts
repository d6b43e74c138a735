import { describe, expect, it } from 'vitest';
import {
  type Company,
  fillCompany,
  hasWrongCheckDigit,
  innProblem,
  innToLookUp,
  lookupNote,
} from './company-autofill';
import { type CustomerField, EMPTY_CUSTOMER } from './customer-form';

const sberbank: Company = {
  name: 'ПАО Сбербанк',
  kpp: '773601001',
  address: '117312, г. Москва, ул. Вавилова, д. 19',
  vatNumber: '7707083893',
};
const soleTrader: Company = {
  name: 'ИП Иванов А. С.',
  kpp: null,
  address: null,
  vatNumber: '500100732259',
};
const form = { ...EMPTY_CUSTOMER, type: 'legal' as const, email: 'buh@example.ru', vatNumber: '7707083893' };
const none = new Set<CustomerField>();

describe('which INN is worth a lookup', () => {
  it('asks only about complete INNs with a valid check digit', () => {
    expect(innToLookUp(' 7707083893 ')).toBe('7707083893');
    expect(innToLookUp('500100732259')).toBe('500100732259');
    for (const unfinished of ['', '770708389', '7707083894', '77070838930', 'abcdefghij']) {
      expect(innToLookUp(unfinished), unfinished).toBeNull();
    }
  });

  it('calls a wrong check digit an error, but not an INN still being typed', () => {
    expect(hasWrongCheckDigit('7707083894')).toBe(true);
    expect(hasWrongCheckDigit('500100732258')).toBe(true);
    expect(hasWrongCheckDigit('770708389')).toBe(false);
    expect(hasWrongCheckDigit('7707083893')).toBe(false);
    expect(innProblem('7707083894')).toBe('ИНН с ошибкой: контрольная цифра не сходится');
    expect(innProblem('7707083893')).toBeUndefined();
  });
});

describe('fillCompany', () => {
  it('fills name, KPP and address of an untouched form, and says what it wrote', () => {
    const { form: filled, written } = fillCompany(form, sberbank, none);
    expect(filled).toEqual({
      ...form,
      name: 'ПАО Сбербанк',
      kpp: '773601001',
      registrationAddress: '117312, г. Москва, ул. Вавилова, д. 19',
    });
    expect(written).toEqual(['name', 'kpp', 'registrationAddress']);
  });

  it('keeps what the shopper typed by hand, but fills a field they emptied', () => {
    const typed = { ...form, name: 'Сбер, бухгалтерия', kpp: '', registrationAddress: 'Москва' };
    const { form: filled, written } = fillCompany(typed, sberbank, new Set(['name', 'kpp']));
    expect(filled).toMatchObject({
      name: 'Сбер, бухгалтерия',
      kpp: '773601001',
      registrationAddress: sberbank.address,
    });
    expect(written).toEqual(['kpp', 'registrationAddress']);
  });

  it("replaces an earlier company's details; a sole trader has no KPP", () => {
    const earlier = fillCompany(form, sberbank, none).form;
    const { form: filled } = fillCompany({ ...earlier, vatNumber: soleTrader.vatNumber }, soleTrader, none);
    expect(filled).toMatchObject({ name: 'ИП Иванов А. С.', kpp: '', registrationAddress: '' });
  });
});

describe('lookupNote', () => {
  const state = {
    asked: true,
    fetching: false,
    failed: false,
    found: undefined as Company[] | undefined,
    kept: false,
  };
  it('says nothing until asked, then how it went', () => {
    expect(lookupNote({ ...state, asked: false, found: [sberbank] })).toBeNull();
    expect(lookupNote({ ...state, fetching: true })).toBe('searching');
    expect(lookupNote({ ...state, failed: true })).toBe('failed');
    expect(lookupNote({ ...state, found: [] })).toBe('not_found');
    expect(lookupNote({ ...state, found: [sberbank] })).toBe('filled');
    expect(lookupNote({ ...state, found: [sberbank], kept: true })).toBe('kept');
    expect(lookupNote({ ...state, found: [sberbank, { ...sberbank, kpp: '784243001' }] })).toBe('choose');
  });
});
