import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { mulDivRound } from '../src/basket/integer-math.js';
import {
  basketItemSchema,
  buildBasket,
  fromKopecks,
  fromMilliUnits,
  toBasketItems,
  toKopecks,
  VAT_CODES,
  validateBasket,
  vatRate,
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

  it('a line rounded per unit, as CMS modules do, passes the default check', () => {
    // Bitrix: amountWoVat = round(price / (1 + rate)), VAT = total − round(amountWoVat × quantity).
    const includedCodes = VAT_CODES.filter((c) => !c.endsWith('_ADDED'));
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 10_000_000 }),
        fc.integer({ min: 1, max: 100_000 }),
        fc.constantFrom(...includedCodes),
        (price, quantityMilli, vatCode) => {
          const { percent } = vatRate(vatCode);
          const total = mulDivRound(price, quantityMilli, 1000);
          const unitNet = mulDivRound(price, 100, 100 + percent);
          const vat = total - mulDivRound(unitNet, quantityMilli, 1000);
          fc.pre(vat >= 0);
          const basketItems = [
            {
              ...toBasketItems(
                buildBasket([{ sku: 's', name: 'x', unitPrice: price, quantity: 1, vatCode }]).lines,
              )[0]!,
              quantity: fromMilliUnits(quantityMilli),
              amount: fromKopecks(price),
              amountWoVat: fromKopecks(unitNet),
              totalAmount: fromKopecks(total),
              totalVatAmount: fromKopecks(vat),
            },
          ];
          expect(
            validateBasket({ amount: fromKopecks(total), vatAmount: fromKopecks(vat), basketItems }),
          ).toEqual([]);
        },
      ),
      { numRuns: 400 },
    );
  });

  it('strict mode is never more lenient than the default', () => {
    fc.assert(
      fc.property(
        fc.array(lineArb, { minLength: 1, maxLength: 6 }),
        fc.nat(),
        fc.integer({ min: -3, max: 3 }),
        fc.integer({ min: -3, max: 3 }),
        (lines, pick, vatDelta, netDelta) => {
          const basket = buildBasket(lines);
          const items = toBasketItems(basket.lines);
          const index = pick % items.length;
          const item = items[index]!;
          const vat = toKopecks(item.totalVatAmount) + vatDelta;
          const net = toKopecks(item.amountWoVat) + netDelta;
          fc.pre(vat >= 0 && net >= 0);
          items[index] = { ...item, totalVatAmount: fromKopecks(vat), amountWoVat: fromKopecks(net) };
          const order = {
            amount: fromKopecks(basket.amount),
            vatAmount: fromKopecks(basket.vatAmount + vatDelta),
            basketItems: items,
          };
          if (validateBasket(order, { mode: 'strict' }).length === 0)
            expect(validateBasket(order)).toEqual([]);
        },
      ),
      { numRuns: 300 },
    );
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
