import { describe, expect, it } from 'vitest';
import { isValidInn, isVatCode, KPP_PATTERN, VAT_CODES, vatLabel, vatRate } from '../src/index.js';

describe('VAT codes', () => {
  it('lists every code with its rate', () => {
    expect(VAT_CODES).toHaveLength(12);
    expect(vatRate('RUS_VAT22')).toEqual({ percent: 22, added: false });
    expect(vatRate('RUS_VAT5_ADDED')).toEqual({ percent: 5, added: true });
    expect(vatRate('VATNONE')).toEqual({ percent: 0, added: false });
    for (const code of VAT_CODES) expect(isVatCode(code)).toBe(true);
    expect(isVatCode('NONE')).toBe(false);
  });

  it('labels codes in Russian', () => {
    expect(vatLabel('RUS_VAT20')).toBe('НДС 20%');
    expect(vatLabel('RUS_VAT0')).toBe('НДС 0%');
    expect(vatLabel('VATNONE')).toBe('без НДС');
    expect(vatLabel('RUS_VAT7_ADDED')).toBe('НДС 7% сверху');
  });
});

describe('customer checks', () => {
  it('accepts real INNs and rejects broken ones', () => {
    for (const inn of ['7810610046', '7710044140', '7804445210', '500100732259'])
      expect(isValidInn(inn)).toBe(true);
    for (const inn of ['7810610047', '123321', '50010073225', '500100732250', '78106100461', '781061004a']) {
      expect(isValidInn(inn)).toBe(false);
    }
  });

  it('matches KPP shapes', () => {
    expect(KPP_PATTERN.test('781001001')).toBe(true);
    expect(KPP_PATTERN.test('7810AB001')).toBe(true);
    expect(KPP_PATTERN.test('78100100')).toBe(false);
    expect(KPP_PATTERN.test('7810ab001')).toBe(false);
  });
});
