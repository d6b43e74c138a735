import { describe, expect, it } from 'vitest';
import {
  assertValidBasket,
  type BasketItem,
  buildBasket,
  InvoiceboxBasketError,
  toBasketItems,
  validateBasket,
} from '../src/index.js';
import { docsCreateOrderRequest } from './fixtures.js';

const line = (over: Partial<Parameters<typeof buildBasket>[0][number]> = {}) => ({
  sku: 'sku-1',
  name: 'Бронирование номера',
  unitPrice: 12396,
  quantity: 3,
  vatCode: 'RUS_VAT20' as const,
  ...over,
});

describe('buildBasket', () => {
  it('reproduces the docs example: 3 × 123.96 at RUS_VAT20', () => {
    const basket = buildBasket([line({ type: 'service' })]);
    expect(basket.amount).toBe(37188);
    expect(basket.vatAmount).toBe(6198);
    // The docs' own line, but for our sku and the OKEI unit's short name as we spell it.
    const [docsItem] = docsCreateOrderRequest().basketItems;
    expect(toBasketItems(basket.lines)).toEqual([{ ...docsItem, sku: 'sku-1', measure: 'шт' }]);
  });

  it('matches the SDK fixture at RUS_VAT10 and VATNONE', () => {
    const basket = buildBasket([
      line({ unitPrice: 11000, quantity: 1, vatCode: 'RUS_VAT10' }),
      line({ sku: 'b', unitPrice: 279067, quantity: 1, vatCode: 'VATNONE' }),
    ]);
    expect(basket.lines.map((l) => [l.unitAmountWoVat, l.totalVatAmount])).toEqual([
      [10000, 1000],
      [279067, 0],
    ]);
    expect(basket.amount).toBe(290067);
    expect(basket.vatAmount).toBe(1000);
  });

  it('adds VAT on top of the net price for _ADDED codes', () => {
    const [whole] = buildBasket([line({ unitPrice: 10000, quantity: 3, vatCode: 'RUS_VAT20_ADDED' })]).lines;
    expect(whole).toMatchObject({
      unitAmount: 12000,
      unitAmountWoVat: 10000,
      totalAmount: 36000,
      totalVatAmount: 6000,
    });
    // 999 + round(219.78) = 1219 gross; 1219 × 1.5 = 1828.5 -> 1829; net 999 × 1.5 = 1498.5 -> 1499; VAT 330.
    const [fraction] = buildBasket([
      line({ unitPrice: 999, quantity: 1.5, vatCode: 'RUS_VAT22_ADDED' }),
    ]).lines;
    expect(fraction).toMatchObject({
      unitAmount: 1219,
      unitAmountWoVat: 999,
      totalAmount: 1829,
      totalVatAmount: 330,
    });
  });

  it('rounds fractional quantities half-up to the kopeck', () => {
    // 123.45 × 0.333 = 41.10885 -> 41.11; VAT 4111/6 = 685.17 -> 6.85; net per unit 3426 / 0.333 = 10288.29 -> 102.88.
    const [l] = buildBasket([line({ unitPrice: 12345, quantity: 0.333, measureCode: '166' })]).lines;
    expect(l).toMatchObject({
      totalAmount: 4111,
      totalVatAmount: 685,
      unitAmountWoVat: 10288,
      measure: 'кг',
    });
  });

  it('rejects input that cannot make a valid basket, naming the field', () => {
    const fail = (lines: Parameters<typeof buildBasket>[0]) => {
      try {
        buildBasket(lines);
      } catch (error) {
        expect(error).toBeInstanceOf(InvoiceboxBasketError);
        return (error as InvoiceboxBasketError).issues.map((i) => i.field);
      }
      throw new Error('expected buildBasket to throw');
    };
    expect(fail([])).toEqual(['lines']);
    expect(fail([line(), line({ quantity: 0 })])).toEqual(['lines[1].quantity']);
    expect(fail([line({ quantity: 1.2345 })])).toEqual(['lines[0].quantity']);
    expect(fail([line({ unitPrice: 10.5 })])).toEqual(['lines[0].unitPrice']);
    expect(fail([line({ measureCode: '999' })])).toEqual(['lines[0].measureCode']);
    expect(fail([line({ sku: '' })])).toEqual(['lines[0].sku']);
  });
});

describe('validateBasket', () => {
  const good = () => {
    const basket = buildBasket([
      line(),
      line({ sku: 'b', unitPrice: 5000, quantity: 2, vatCode: 'RUS_VAT10' }),
    ]);
    return { amount: 471.88, vatAmount: 71.07, basketItems: toBasketItems(basket.lines) };
  };
  const withItem = (index: number, patch: Partial<BasketItem>, order = good()) => ({
    ...order,
    basketItems: order.basketItems.map((item, i) => (i === index ? { ...item, ...patch } : item)),
  });
  const codes = (order: Parameters<typeof validateBasket>[0]) =>
    validateBasket(order).map((i) => [i.code, i.field]);

  it('accepts a built basket', () => {
    expect(validateBasket(good())).toEqual([]);
  });

  it('reports each miscalculation with the API code and field', () => {
    expect(codes({ ...good(), amount: 471.87 })).toEqual([['wrong_total_amount', 'amount']]);
    expect(codes({ ...good(), vatAmount: 71.08 })).toEqual([['wrong_total_vat_amount', 'vatAmount']]);
    expect(codes(withItem(1, { totalAmount: 100.01 }, { ...good(), amount: 471.89 }))).toEqual([
      ['wrong_basket_item_total_amount', 'basketItems[1].totalAmount'],
    ]);
    // 45.46 × 2 + 9.11 = 100.03: the server sees a net price that does not fit; strict also the VAT off its rate.
    const vatOff = withItem(1, { totalVatAmount: 9.11 }, { ...good(), vatAmount: 71.09 });
    expect(codes(vatOff)).toEqual([['wrong_basket_item_amount_wo_vat', 'basketItems[1].amountWoVat']]);
    expect(validateBasket(vatOff, { mode: 'strict' }).map((i) => [i.code, i.field])).toEqual([
      ['wrong_basket_item_total_vat_amount', 'basketItems[1].totalVatAmount'],
      ['wrong_basket_item_amount_wo_vat', 'basketItems[1].amountWoVat'],
    ]);
    expect(codes(withItem(0, { amountWoVat: 103.32 }))).toEqual([
      ['wrong_basket_item_amount_wo_vat', 'basketItems[0].amountWoVat'],
    ]);
  });

  it('applies the documented tolerances', () => {
    // Item VAT within one kopeck passes in both modes (the order VAT must still add up exactly).
    const nearVat = withItem(0, { totalVatAmount: 61.99 }, { ...good(), vatAmount: 71.08 });
    expect(validateBasket(nearVat)).toEqual([]);
    expect(validateBasket(nearVat, { mode: 'strict' })).toEqual([]);
    const farVat = withItem(0, { totalVatAmount: 62.0 }, { ...good(), vatAmount: 71.09 });
    expect(codes(farVat)).toEqual([['wrong_basket_item_amount_wo_vat', 'basketItems[0].amountWoVat']]);
    expect(validateBasket(farVat, { mode: 'strict' })[0]?.code).toBe('wrong_basket_item_total_vat_amount');
    // 103.31 × 3 + 61.98 - 371.88 = 0.03: more than the kopeck the server allows.
    expect(codes(withItem(0, { amountWoVat: 103.31 }))).toEqual([
      ['wrong_basket_item_amount_wo_vat', 'basketItems[0].amountWoVat'],
    ]);
  });

  it('100 ₽ × 10 at 20 % rounded per unit passes the server check and fails only the strict one', () => {
    const tenUnits = (amountWoVat: number, totalVatAmount: number): Parameters<typeof validateBasket>[0] => ({
      amount: 1000,
      vatAmount: totalVatAmount,
      basketItems: [
        {
          ...good().basketItems[0]!,
          quantity: 10,
          amount: 100,
          amountWoVat,
          totalAmount: 1000,
          totalVatAmount,
        },
      ],
    });
    // 83.33 × 10 + 166.70 = 1000.00 exactly; 1000 × 20/120 = 166.67, so the VAT is 3 kopecks off its rate.
    expect(validateBasket(tenUnits(83.33, 166.7))).toEqual([]);
    expect(validateBasket(tenUnits(83.33, 166.7), { mode: 'strict' }).map((i) => i.code)).toEqual([
      'wrong_basket_item_total_vat_amount',
    ]);
    // The VAT by rate with that net price misses the line total by 3 kopecks, which the server refuses.
    expect(validateBasket(tenUnits(83.33, 166.67)).map((i) => i.code)).toEqual([
      'wrong_basket_item_amount_wo_vat',
    ]);
    // buildBasket moves the VAT just enough for the server's check.
    const [built] = buildBasket([line({ unitPrice: 10000, quantity: 10 })]).lines;
    expect(built).toMatchObject({ unitAmountWoVat: 8333, totalAmount: 100000, totalVatAmount: 16669 });
  });

  it('follows orderSetting: roundPolicy relaxes the line total, disableValidate skips the check', () => {
    // 3 × 123.96 = 371.88; a line total of 372.00 is the product rounded up to a whole rouble.
    // Only the line-total check is looked at here (the sums no longer add up, which is reported separately).
    const rounded = (roundPolicy: string | undefined, totalAmount: number) =>
      codes({ ...withItem(0, { totalAmount }), orderSetting: roundPolicy ? { roundPolicy } : undefined }).map(
        (c) => c[0],
      );
    expect(rounded(undefined, 372)).toContain('wrong_basket_item_total_amount');
    expect(rounded('strict', 372)).toContain('wrong_basket_item_total_amount');
    expect(rounded('ceil', 372)).not.toContain('wrong_basket_item_total_amount');
    expect(rounded('floor', 372)).toContain('wrong_basket_item_total_amount');
    expect(rounded('floor', 371)).not.toContain('wrong_basket_item_total_amount');
    expect(rounded('halfUp', 372)).not.toContain('wrong_basket_item_total_amount');
    expect(rounded('none', 372)).not.toContain('wrong_basket_item_total_amount');
    expect(rounded('none', 371.87)).toContain('wrong_basket_item_total_amount');
    expect(validateBasket({ ...good(), amount: 1, orderSetting: { disableValidate: true } })).toEqual([]);
  });

  it('rejects empty baskets, non-positive quantities and VAT above the total', () => {
    expect(codes({ amount: 0, vatAmount: 0, basketItems: [] })).toEqual([['wrong_value', 'basketItems']]);
    expect(codes(withItem(0, { quantity: 0 }))).toContainEqual(['wrong_value', 'basketItems[0].quantity']);
    expect(codes(withItem(0, { quantity: -1 }))).toContainEqual(['wrong_value', 'basketItems[0].quantity']);
    const vatAboveTotal = withItem(
      1,
      { vatCode: 'RUS_VAT10', totalVatAmount: 100.01 },
      { ...good(), vatAmount: 162.0 },
    );
    expect(codes(vatAboveTotal)).toContainEqual([
      'wrong_basket_item_total_vat_amount',
      'basketItems[1].totalVatAmount',
    ]);
    expect(codes(withItem(0, { amount: 123.955 }))).toContainEqual(['wrong_value', 'basketItems[0].amount']);
    expect(codes({ ...good(), vatAmount: 500 })).toContainEqual(['wrong_total_vat_amount', 'vatAmount']);
  });

  it('assertValidBasket throws with the issues', () => {
    expect(() => assertValidBasket(good())).not.toThrow();
    expect(() => assertValidBasket({ ...good(), amount: 1 })).toThrow(InvoiceboxBasketError);
    try {
      assertValidBasket({ ...good(), amount: 1 });
    } catch (error) {
      expect((error as InvoiceboxBasketError).issues[0]?.code).toBe('wrong_total_amount');
      expect((error as Error).message).toMatch(/^amount: /);
    }
  });
});
