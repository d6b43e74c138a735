import { describe, expect, it } from 'vitest';
import {
  formatRub,
  fromKopecks,
  InvoiceboxMoneyError,
  kopecksToDecimalString,
  toKopecks,
} from '../src/index.js';

// The decimal text of i kopecks, built from integers only so the test does not share the code under test.
const decimalOf = (i: number) => `${Math.floor(i / 100)}.${String(i % 100).padStart(2, '0')}`;

describe('money', () => {
  it('round-trips every value from 0.00 to 10000.00 exactly', () => {
    let failures = 0;
    for (let i = 0; i <= 1_000_000; i++) {
      const text = decimalOf(i);
      const wire = Number(text);
      if (toKopecks(text) !== i || toKopecks(wire) !== i || fromKopecks(i) !== wire) failures++;
      if (kopecksToDecimalString(i) !== text) failures++;
    }
    expect(failures).toBe(0);
  });

  it('converts the docs example and negative amounts', () => {
    expect(toKopecks(371.88)).toBe(37188);
    expect(toKopecks('0.29')).toBe(29);
    expect(toKopecks(0.29)).toBe(29);
    expect(toKopecks('-1.5')).toBe(-150);
    expect(toKopecks('1.500')).toBe(150);
    expect(fromKopecks(37188)).toBe(371.88);
    expect(fromKopecks(-5)).toBe(-0.05);
    expect(fromKopecks(11000)).toBe(110);
  });

  it('rejects values that are not exact kopecks', () => {
    for (const bad of [
      0.1 + 0.2,
      '1.234',
      Number.NaN,
      Number.POSITIVE_INFINITY,
      1e21,
      'abc',
      '',
      '1e5',
      '1,5',
    ]) {
      expect(() => toKopecks(bad), String(bad)).toThrow(InvoiceboxMoneyError);
    }
    expect(() => toKopecks(0.1 + 0.2)).toThrow(RangeError);
    expect(() => toKopecks(0.1 + 0.2)).toThrow(/more than 2 decimal places/);
    expect(() => fromKopecks(1.5)).toThrow(InvoiceboxMoneyError);
    expect(() => fromKopecks(2 ** 53)).toThrow(InvoiceboxMoneyError);
  });

  it('formats roubles for ru-RU without float rounding', () => {
    expect(formatRub(123450)).toBe('1\u00a0234,50\u00a0₽');
    expect(formatRub(0)).toBe('0,00\u00a0₽');
    expect(formatRub(900719925474099)).toBe('9\u00a0007\u00a0199\u00a0254\u00a0740,99\u00a0₽');
    expect(formatRub(-123450)).toBe('-1\u00a0234,50\u00a0₽');
  });

  it('writes roubles exactly as Intl.NumberFormat does for ru-RU', () => {
    const intl = new Intl.NumberFormat('ru-RU', { style: 'currency', currency: 'RUB' });
    const samples = [
      ...Array.from({ length: 20_000 }, (_, i) => i * 7),
      ...Array.from({ length: 15 }, (_, i) => 10 ** i + 1),
      900719925474099,
      -1,
      -100_000,
    ];
    const decimal = (kopecks: number) => `${kopecks < 0 ? '-' : ''}${decimalOf(Math.abs(kopecks))}`;
    const differing = samples.filter(
      (kopecks) => formatRub(kopecks) !== intl.format(decimal(kopecks) as Intl.StringNumericLiteral),
    );
    expect(differing).toEqual([]);
  });
});
