import { DEMO_SHOP } from '@checkout/invoicebox';
import { describe, expect, it } from 'vitest';
import { AUTH, control, docsOrder, type Json, parseJson, twoLineOrder } from './support/fixtures.js';
import { useSandbox, v3 } from './support/sandbox.js';

type Line = Record<string, unknown>;

/** The keys of a row of the PHP SDK's fixture `success-get-basket-response.json`, in its order. */
const FIXTURE_ROW_KEYS = [
  'sku',
  'name',
  'measure',
  'measureCode',
  'quantity',
  'amount',
  'amountWoVat',
  'totalAmount',
  'totalVatAmount',
  'vatCode',
  'type',
  'paymentType',
];

/** An order of one line; the totals of the order are the line's. */
function oneLine(line: Line, extra: Record<string, unknown> = {}) {
  return {
    ...docsOrder(),
    amount: line.totalAmount,
    vatAmount: line.totalVatAmount,
    basketItems: [
      {
        sku: 's',
        name: 'Позиция',
        measure: 'шт',
        measureCode: '796',
        type: 'commodity',
        paymentType: 'full_payment',
        ...line,
      },
    ],
    ...extra,
  };
}

const noVat = (quantity: number, amount: number, totalAmount: number, amountWoVat = amount) => ({
  quantity,
  amount,
  amountWoVat,
  totalAmount,
  totalVatAmount: 0,
  vatCode: 'VATNONE',
});

describe('as tolerant as Invoicebox, as strict as its docs', () => {
  const sandbox = useSandbox({ refundCompletionDelayMs: 60_000 });
  const create = (body: unknown) => v3(sandbox, 'POST', '/billing/api/order/order', body);

  it.each([
    ['VATNONE', 0],
    ['NONE', 0],
    ['RUS_VAT0', 0],
    ['RUS_VAT5', 5],
    ['RUS_VAT7', 7],
    ['RUS_VAT10', 10],
    ['RUS_VAT20', 20],
    ['RUS_VAT22', 22],
    ['RUS_VAT5_ADDED', 5],
    ['RUS_VAT7_ADDED', 7],
    ['RUS_VAT10_ADDED', 10],
    ['RUS_VAT20_ADDED', 20],
    ['RUS_VAT22_ADDED', 22],
  ])('VAT code %s is accepted', async (vatCode, percent) => {
    const total = 12200; // kopecks
    const vat = Math.round((total * percent) / (100 + percent));
    const res = await create(
      oneLine({
        quantity: 1,
        amount: total / 100,
        amountWoVat: (total - vat) / 100,
        totalAmount: total / 100,
        totalVatAmount: vat / 100,
        vatCode,
      }),
    );
    expect(res.status).toBe(200);
    expect(res.body.data.basketItems[0].vatCode).toBe(vatCode);
  });

  it.each([1, 4, 33, '4', 'service'])('item type %j is accepted', async (type) => {
    expect((await create(oneLine({ ...noVat(1, 10, 10), type }))).status).toBe(200);
  });

  it.each([0, 34, 'goods'])('item type %j is a validation error', async (type) => {
    const res = await create(oneLine({ ...noVat(1, 10, 10), type }));
    expect(res.status).toBe(422);
    expect(res.body.error.fields.map((f: { name: string }) => f.name)).toContain('basketItems[0].type');
  });

  it('the per-unit-rounded line 100 ₽ × 10 at 20 % (net 83.33, VAT 166.70) is accepted', async () => {
    const res = await create(
      oneLine({
        quantity: 10,
        amount: 100,
        amountWoVat: 83.33,
        totalAmount: 1000,
        totalVatAmount: 166.7,
        vatCode: 'RUS_VAT20',
      }),
    );
    expect(res.status).toBe(200);
  });

  it('amounts and quantities as numeric strings are accepted and answered as numbers', async () => {
    const res = await create(
      oneLine(
        {
          quantity: '3.000',
          amount: '123.96',
          amountWoVat: '103.30',
          totalAmount: '371.88',
          totalVatAmount: '61.98',
          vatCode: 'RUS_VAT20',
        },
        { amount: '371.88', vatAmount: '61.98' },
      ),
    );
    expect(res.status).toBe(200);
    expect(res.body.data).toMatchObject({ amount: 371.88, vatAmount: 61.98 });
    expect(res.body.data.basketItems[0]).toMatchObject({ quantity: 3, amountWoVat: 103.3 });
  });

  it('unknown keys anywhere are ignored and not echoed', async () => {
    const order = docsOrder();
    const res = await create({
      ...order,
      returnUr: 'https://shop.example/',
      colour: 'red',
      customer: { ...order.customer, kpp: '770201001' },
      basketItems: [{ ...order.basketItems[0], vatRate: 1 }],
    });
    expect(res.status).toBe(200);
    expect(res.body.data).not.toHaveProperty('colour');
    expect(res.body.data.customer).not.toHaveProperty('kpp');
    expect(res.body.data.basketItems[0]).not.toHaveProperty('vatRate');
  });

  it('missing required fields are 422 validation with each field named', async () => {
    const order = docsOrder();
    const { paymentType: _p, ...item } = order.basketItems[0]!;
    const { description: _d, ...rest } = order;
    const res = await create({ ...rest, basketItems: [item] });
    expect(res.status).toBe(422);
    expect(res.body.error.code).toBe('validation');
    const names = res.body.error.fields.map((f: { name: string }) => f.name);
    expect(names).toEqual(expect.arrayContaining(['description', 'basketItems[0].paymentType']));
  });

  describe('roundPolicy', () => {
    const third = (total: number, policy?: string, amountWoVat = 33.33) =>
      oneLine(noVat(3, 33.33, total, amountWoVat), policy ? { orderSetting: { roundPolicy: policy } } : {});

    it('strict (the default) wants quantity × amount to the kopeck', async () => {
      expect((await create(third(99.99))).status).toBe(200);
      const res = await create(third(100, undefined, 33.34));
      expect(res.status).toBe(422);
      expect(res.body.error.code).toBe('wrong_basket_item_total_amount');
      expect((await create(third(100, 'strict', 33.34))).body.error.code).toBe(
        'wrong_basket_item_total_amount',
      );
    });

    it('none accepts a total above quantity × amount (unit price rounded down), never below', async () => {
      expect((await create(third(100, 'none', 33.34))).status).toBe(200);
      expect((await create(third(99.99, 'none'))).status).toBe(200);
      const below = await create(oneLine(noVat(3, 33.34, 100), { orderSetting: { roundPolicy: 'none' } }));
      expect(below.body.error.code).toBe('wrong_basket_item_total_amount');
      const far = await create(third(105, 'none', 35));
      expect(far.body.error.code).toBe('wrong_basket_item_total_amount');
    });

    it.each([
      ['floor', 3, 33.33, 99, 33],
      ['ceil', 3, 33.33, 100, 33.34],
      ['halfUp', 1, 10.5, 11, 11],
      ['halfDown', 1, 10.5, 10, 10],
    ])('%s rounds quantity × amount to whole roubles', async (policy, qty, amount, total, net) => {
      const ok = await create(
        oneLine(noVat(qty, amount, total, net), { orderSetting: { roundPolicy: policy } }),
      );
      expect(ok.status).toBe(200);
      const exact = (qty * amount * 100) / 100;
      if (exact !== total) {
        const wrong = await create(
          oneLine(noVat(qty, amount, exact, amount), { orderSetting: { roundPolicy: policy } }),
        );
        expect(wrong.body.error.code).toBe('wrong_basket_item_total_amount');
      }
    });

    it('disableValidate: true skips the arithmetic, not the schema', async () => {
      const wrong = { ...docsOrder({ amount: 1 }), orderSetting: { disableValidate: true } };
      expect((await create(wrong)).status).toBe(200);
      const broken = { ...wrong, currencyId: 'XXX' };
      expect((await create(broken)).body.error.code).toBe('wrong_currency');
      expect((await create(docsOrder({ amount: 1 }))).body.error.code).toBe('wrong_total_amount');
    });
  });

  describe('refund-basket-item rows per merchant setting', () => {
    const basket = async (id: string) =>
      parseJson(
        await (
          await fetch(`${sandbox.url}/v3/billing/api/order/order/${id}/refund-basket-item`, { headers: AUTH })
        ).text(),
      ).data as Json[];

    it('refundBasketAvailableAmount: false answers plain basket lines of what is left, like the PHP SDK fixture', async () => {
      const settings = `/_sandbox/merchants/${DEMO_SHOP.merchantId}`;
      const patched = await control(sandbox.url, 'PATCH', settings, { refundBasketAvailableAmount: false });
      expect(patched.body.refundBasketAvailableAmount).toBe(false);
      try {
        const { body } = await create(twoLineOrder());
        const id = body.data.id as string;
        expect(await basket(id)).toEqual([]); // nothing is refundable before payment
        await control(sandbox.url, 'POST', `/_sandbox/orders/${id}/pay`, {});
        const rows = await basket(id);
        expect(rows.map((r) => Object.keys(r))).toEqual([FIXTURE_ROW_KEYS, FIXTURE_ROW_KEYS]);
        const line = twoLineOrder().basketItems[0]!;
        const refund = await fetch(`${sandbox.url}/v3/billing/api/order/refund-order`, {
          method: 'POST',
          headers: { ...AUTH, 'content-type': 'application/json' },
          body: JSON.stringify({
            parentId: id,
            merchantOrderId: `r-${id}`,
            amount: 349,
            vatAmount: 58.17,
            basketItems: [{ ...line, quantity: 1, totalAmount: 349, totalVatAmount: 58.17 }],
            description: 'Возврат одной пачки',
          }),
        });
        expect(refund.status).toBe(200);
        const left = await basket(id);
        expect(left[0]).toMatchObject({
          sku: 'TEA-100',
          quantity: 1,
          totalAmount: 349,
          totalVatAmount: 58.16,
        });
        expect(left[1]).toMatchObject({ sku: 'KETTLE', quantity: 1, totalAmount: 3000 });
      } finally {
        await control(sandbox.url, 'PATCH', settings, { refundBasketAvailableAmount: true });
      }
      const { body } = await create(twoLineOrder());
      expect((await basket(body.data.id))[0]).toHaveProperty('availableAmount', 0);
    });
  });
});
