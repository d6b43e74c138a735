import { describe, expect, it } from 'vitest';
import {
  buildBasket,
  type CreateOrderRequest,
  DEMO_SHOP,
  fromKopecks,
  InvoiceboxBasketError,
  InvoiceboxNotFoundError,
  InvoiceboxResponseError,
  InvoiceboxUnknownResultError,
  toBasketItems,
} from '../src/index.js';
import { fixtureJson } from './fixtures.js';
import { clientOf, rejection, useTestServer } from './harness.js';
import { sendJson } from './http-server.js';

// "Liberal in what it accepts": the client against a real HTTP server answering the way Invoicebox may.

const server = useTestServer();

const client = (over: Parameters<typeof clientOf>[1] = {}) => clientOf(server.url, over);

const orders = () =>
  structuredClone(fixtureJson('success-get-order-response.json')) as {
    data: Record<string, unknown>[];
    metaData: { totalCount: number; pageSize: number; page: number };
  };

function tenUnitsOrder(): CreateOrderRequest {
  const [item] = toBasketItems(
    buildBasket([{ sku: 'a', name: 'Чай', unitPrice: 10000, quantity: 10, vatCode: 'RUS_VAT20' }]).lines,
  );
  return {
    merchantId: DEMO_SHOP.merchantId,
    merchantOrderId: 'o-10',
    description: 'Десять пачек',
    amount: 1000,
    vatAmount: 166.7,
    currencyId: 'RUB',
    expirationDate: '2030-01-01T00:00:00+00:00',
    // Rounded per unit, the way CMS modules do it.
    basketItems: [{ ...item!, amountWoVat: 83.33, totalVatAmount: 166.7 }],
    customer: {},
  };
}

describe('tolerant responses', () => {
  it('unknown codes and numeric strings do not make a page unreadable', async () => {
    const page = orders();
    const [first, second] = page.data as { basketItems: Record<string, unknown>[] }[];
    Object.assign(first!.basketItems[0]!, { vatCode: 'NONE', type: 'goods', paymentType: 'credit' });
    Object.assign(second!.basketItems[0]!, {
      vatCode: 'RUS_VAT22',
      amount: '110.00',
      totalAmount: '110.00',
      quantity: '1',
    });
    Object.assign(page.data[1]!, { status: 'partially-refunded', currencyId: 'KZT', amount: '110.00' });
    (page.data[0]!.customer as Record<string, unknown>).type = 'foreign';
    server.handle((_req, res) => sendJson(res, 200, page));
    const { data } = await client().findOrders();
    expect(data[0]?.basketItems[0]).toMatchObject({ vatCode: 'NONE', type: 'goods', paymentType: 'credit' });
    expect(data[0]?.customer?.type).toBe('foreign');
    expect(data[1]).toMatchObject({ status: 'partially-refunded', currencyId: 'KZT', amount: 110 });
    expect(data[1]?.basketItems[0]).toMatchObject({
      vatCode: 'RUS_VAT22',
      amount: 110,
      totalAmount: 110,
      quantity: 1,
    });
  });

  it('a malformed answer names the first bad field and keeps every issue', async () => {
    const page = orders();
    const [, second] = page.data as { basketItems: Record<string, unknown>[] }[];
    second!.basketItems.push({ ...second!.basketItems[0]!, amount: 'abc' });
    delete page.data[1]!.id;
    server.handle((_req, res) => sendJson(res, 200, page));
    const error = await rejection(client().findOrders());
    expect(error).toBeInstanceOf(InvoiceboxResponseError);
    expect(error.message).toContain('data[1].id: expected string');
    expect((error as InvoiceboxResponseError).issues).toEqual([
      expect.objectContaining({ field: 'data[1].id' }),
      { field: 'data[1].basketItems[1].amount', message: 'expected number, received "abc"' },
    ]);
    // On a write the same answer means "applied or not, we cannot tell": still with the fields named.
    server.handle((_req, res) => sendJson(res, 200, { data: { ...page.data[1], id: 5 } }));
    const write = await rejection(client().createOrder(tenUnitsOrder()));
    expect(write).toBeInstanceOf(InvoiceboxUnknownResultError);
    expect(write.message).toContain('data.id: ');
    expect((write as InvoiceboxUnknownResultError).issues.map((i) => i.field)).toContain(
      'data.basketItems[1].amount',
    );
    // Not even an envelope: still typed, never a TypeError.
    server.handle((_req, res) => sendJson(res, 200, [1, 2]));
    expect(await rejection(client().getOrder('o-1'))).toBeInstanceOf(InvoiceboxResponseError);
  });
});

describe('where docs and clients disagree', () => {
  it('getOrder reads the single-order path, and on 404 the filter endpoint', async () => {
    const order = orders().data[0]!;
    server.handle((req, res) =>
      req.url.startsWith('/v3/billing/')
        ? sendJson(res, 404, { error: { message: 'Not Found', code: 'not_found' } })
        : sendJson(res, 200, {
            data: req.url.endsWith(String(order.id)) ? [order] : [],
            metaData: { totalCount: 1, pageSize: 30, page: 1 },
          }),
    );
    expect((await client().getOrder(String(order.id))).data.id).toBe(order.id);
    const missing = await rejection(client().getOrder('nope'));
    expect(missing).toBeInstanceOf(InvoiceboxNotFoundError);
    expect(missing).toMatchObject({ status: 404, code: 'not_found' });
    expect(server.seen.map((r) => r.url)).toEqual([
      `/v3/billing/api/order/order/${order.id}`,
      `/v3/filter/api/order/order?id=${order.id}`,
      '/v3/billing/api/order/order/nope',
      '/v3/filter/api/order/order?id=nope',
    ]);
  });

  it('paging: _page first; a server that ignored it is asked again with page', async () => {
    server.handle((req, res) => {
      const page = req.url.includes('_page=') ? 1 : 2; // honours only the docs' spelling
      sendJson(res, 200, { data: [], metaData: { totalCount: 40, pageSize: page === 1 ? 30 : 10, page } });
    });
    const result = await client().findOrders({ page: 2, pageSize: 10 });
    expect(result.metaData).toEqual({ totalCount: 40, pageSize: 10, page: 2 });
    expect(server.seen.map((r) => r.url)).toEqual([
      '/v3/filter/api/order/order?_page=2&_pageSize=10',
      '/v3/filter/api/order/order?page=2&pageSize=10',
    ]);
    server.handle((_req, res) =>
      sendJson(res, 200, { data: [], metaData: { totalCount: 40, pageSize: 10, page: 2 } }),
    );
    await client().findRefunds({ page: 2, pageSize: 10 });
    expect(server.seen).toHaveLength(1);
  });
});

describe('basket check modes', () => {
  it('a per-unit-rounded line is sent by default and refused in strict mode', async () => {
    server.handle((_req, res) => sendJson(res, 200, fixtureJson('success-create-order-response.json')));
    await client().createOrder(tenUnitsOrder());
    expect(server.seen).toHaveLength(1);
    server.handle((_req, res) => sendJson(res, 200, fixtureJson('success-create-order-response.json')));
    const strict = await rejection(client({ validateBaskets: 'strict' }).createOrder(tenUnitsOrder()));
    expect(strict).toBeInstanceOf(InvoiceboxBasketError);
    expect((strict as InvoiceboxBasketError).issues[0]).toMatchObject({
      code: 'wrong_basket_item_total_vat_amount',
      field: 'basketItems[0].totalVatAmount',
    });
    expect(server.seen).toHaveLength(0);
    await client({ validateBaskets: false }).createOrder({ ...tenUnitsOrder(), amount: fromKopecks(1) });
    expect(server.seen).toHaveLength(1);
  });
});
