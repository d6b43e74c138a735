import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  basketItemSchema,
  buildBasket,
  fromKopecks,
  fromMilliUnits,
  toBasketItems,
  VAT_CODES,
  validateBasket,
} from '../src/index.js';

const lineArb = fc.record({
  sku: fc.stringMatching(/^[a-z0-9-]{1,12}$/),
  name: fc.constantFrom('Чай', 'Кофе в зёрнах', 'Доставка', 'Service'),
  unitPrice: fc.oneof(fc.integer({ min: 0, max: 1_000 }), fc.integer({ min: 0, max: 10_000_000 })),
  quantity: fc.oneof(
    fc.integer({ min: 1, max: 50 }),
    fc.integer({ min: 1, max: 100_000 }).map((milli) => fromMilliUnits(milli)),
  ),
  vatCode: fc.constantFrom(...VAT_CODES),
});

describe('buildBasket -> validateBasket (property)', () => {
  it('every built basket passes the validator, for every VAT code and fractional quantities', () => {
    fc.assert(
      fc.property(fc.array(lineArb, { minLength: 1, maxLength: 20 }), (lines) => {
        const basket = buildBasket(lines);
        const basketItems = toBasketItems(basket.lines);
        const order = {
          amount: fromKopecks(basket.amount),
          vatAmount: fromKopecks(basket.vatAmount),
          basketItems,
        };
        expect(validateBasket(order)).toEqual([]);
        for (const item of basketItems) expect(basketItemSchema.safeParse(item).success).toBe(true);
        expect(basket.amount).toBe(basket.lines.reduce((sum, l) => sum + l.totalAmount, 0));
        expect(basket.vatAmount).toBe(basket.lines.reduce((sum, l) => sum + l.totalVatAmount, 0));
      }),
      { numRuns: 400 },
    );
  });

  it('covers every VAT code at least once', () => {
    const lines = VAT_CODES.map((vatCode, i) => ({
      sku: `s${i}`,
      name: 'x',
      unitPrice: 9999 + i,
      quantity: 2.5,
      vatCode,
    }));
    const basket = buildBasket(lines);
    const basketItems = toBasketItems(basket.lines);
    expect(
      validateBasket({
        amount: fromKopecks(basket.amount),
        vatAmount: fromKopecks(basket.vatAmount),
        basketItems,
      }),
    ).toEqual([]);
    const vat = Object.fromEntries(basket.lines.map((l) => [l.vatCode, l.totalVatAmount]));
    expect(vat.VATNONE).toBe(0);
    expect(vat.RUS_VAT0).toBe(0);
    for (const code of VAT_CODES.filter((c) => c !== 'VATNONE' && c !== 'RUS_VAT0'))
      expect(vat[code]).toBeGreaterThan(0);
  });

  it('a one-kopeck error in any line total is caught at that line', () => {
    fc.assert(
      fc.property(
        fc.array(lineArb, { minLength: 1, maxLength: 8 }),
        fc.nat(),
        fc.constantFrom(-1, 1),
        (lines, pick, delta) => {
          const basket = buildBasket(lines);
          const index = pick % lines.length;
          const target = basket.lines[index]!;
          fc.pre(target.totalAmount + delta >= target.totalVatAmount);
          const items = toBasketItems(basket.lines);
          items[index] = { ...items[index]!, totalAmount: fromKopecks(target.totalAmount + delta) };
          const issues = validateBasket({
            amount: fromKopecks(basket.amount + delta),
            vatAmount: fromKopecks(basket.vatAmount),
            basketItems: items,
          });
          expect(issues).toContainEqual(
            expect.objectContaining({
              code: 'wrong_basket_item_total_amount',
              field: `basketItems[${index}].totalAmount`,
            }),
          );
        },
      ),
      { numRuns: 200 },
    );
  });
});
