import { describe, expect, it } from 'vitest';
import { clampQuantity, parseCart } from './cart-storage';

describe('parseCart', () => {
  it('keeps well-formed lines', () => {
    expect(parseCart('[{"sku":"tea-1","quantity":2},{"sku":"mug","quantity":1}]')).toEqual([
      { sku: 'tea-1', quantity: 2 },
      { sku: 'mug', quantity: 1 },
    ]);
  });

  it('drops tampered, duplicate and malformed entries instead of trusting them', () => {
    const raw = JSON.stringify([
      { sku: 'tea-1', quantity: 2, price: 1 },
      { sku: 'tea-1', quantity: 5 },
      { sku: 'x', quantity: 0 },
      { sku: 'y', quantity: 1.5 },
      { sku: 'z', quantity: 1000 },
      { sku: '<script>', quantity: 1 },
      null,
      'mug',
    ]);
    expect(parseCart(raw)).toEqual([{ sku: 'tea-1', quantity: 2 }]);
  });

  it('treats broken storage as an empty cart', () => {
    expect(parseCart(null)).toEqual([]);
    expect(parseCart('{not json')).toEqual([]);
    expect(parseCart('{"sku":"a"}')).toEqual([]);
  });
});

describe('clampQuantity', () => {
  it('keeps quantities whole and within 0..99', () => {
    expect(clampQuantity(3.7)).toBe(3);
    expect(clampQuantity(-2)).toBe(0);
    expect(clampQuantity(500)).toBe(99);
    expect(clampQuantity(Number.NaN)).toBe(1);
  });
});
