import { DEMO_SHOP } from '@checkout/invoicebox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningSandbox, startSandbox } from '../src/index.js';
import { AUTH, demoShop, docsOrder, type Json, parseJson } from './support/fixtures.js';

// Exact wire shapes and codes, over plain fetch.
describe('raw HTTP: shapes and codes', () => {
  let sandbox: RunningSandbox;
  const api = async (
    method: string,
    path: string,
    body?: unknown,
    headers: Record<string, string> = AUTH,
  ) => {
    const res = await fetch(`${sandbox.url}${path}`, {
      method,
      headers: { ...headers, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    });
    const text = await res.text();
    return {
      status: res.status,
      headers: res.headers,
      text: async () => text,
      json: async () => parseJson(text),
    };
  };

  beforeAll(async () => {
    sandbox = await startSandbox({
      port: 0,
      log: false,
      rateLimit: false,
      merchants: [
        ...demoShop(),
        {
          merchantId: 'aaaaaaaa-0000-0000-0000-000000000001',
          token: 'second-shop-token',
          notificationKey: 'k',
          allowDuplicateMerchantOrderId: true,
        },
      ],
    });
  });
  afterAll(() => sandbox.close());

  it('the docs example (§5.1) is created with a paymentUrl, PHP-style JSON and the envelope', async () => {
    const res = await api('POST', '/v3/billing/api/order/order', docsOrder());
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    expect(res.headers.get('x-request-id')).toBeTruthy();
    const text = await res.text();
    expect(text).toContain('http:\\/\\/localhost'); // `/` escaped like PHP's json_encode
    expect(text).toContain('Бронирование номера'); // raw UTF-8, not \u escapes
    const body: Json = JSON.parse(text);
    expect(body.extendedData).toEqual([]);
    const order = body.data;
    expect(order).toMatchObject({
      status: 'created',
      subtype: 'order',
      processingStatus: '',
      amount: 371.88,
      vatAmount: 61.98,
      currencyId: 'RUB',
      fileIds: [],
      processable: true,
      merchantId: DEMO_SHOP.merchantId,
    });
    expect(order.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(order.createdAt).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\+00:00$/);
    expect(order.paymentUrl).toBe(`${sandbox.url}/order/${order.orderContainerId}`);
  });

  it('a miscounted basket is 422 wrong_total_amount with the field named', async () => {
    const res = await api('POST', '/v3/billing/api/order/order', docsOrder({ amount: 371.87 }));
    expect(res.status).toBe(422);
    const { error } = await res.json();
    expect(error.code).toBe('wrong_total_amount');
    expect(error.fields).toContainEqual(expect.objectContaining({ name: 'amount', code: 'wrong_value' }));
  });

  it.each([
    ['wrong_basket_item_total_amount', { totalAmount: 371.85 }, { amount: 371.85, vatAmount: 61.98 }],
    ['wrong_basket_item_total_vat_amount', { totalVatAmount: 50 }, { vatAmount: 50 }],
    ['wrong_basket_item_amount_wo_vat', { amountWoVat: 90 }, {}],
  ])('item arithmetic: %s', async (code, item, order) => {
    const base = docsOrder();
    const res = await api('POST', '/v3/billing/api/order/order', {
      ...base,
      ...order,
      basketItems: [{ ...base.basketItems[0], ...item }],
    });
    expect(res.status).toBe(422);
    expect((await res.json()).error.code).toBe(code);
  });

  it.each([
    ['wrong_total_vat_amount', { vatAmount: 60 }],
    ['wrong_currency', { currencyId: 'XXX' }],
    ['language_not_found', { languageId: 'de' }],
    ['wrong_expiration_date', { expirationDate: '2020-12-22T00:00:00+00:00' }],
  ])('order fields: %s', async (code, patch) => {
    const res = await api('POST', '/v3/billing/api/order/order', { ...docsOrder(), ...patch });
    expect(res.status).toBe(422);
    expect((await res.json()).error.code).toBe(code);
  });

  it('a reused merchantOrderId is 422 merchant_order_id_duplicate unless the shop allows it', async () => {
    const order = docsOrder();
    expect((await api('POST', '/v3/billing/api/order/order', order)).status).toBe(200);
    const again = await api('POST', '/v3/billing/api/order/order', order);
    expect(again.status).toBe(422);
    expect((await again.json()).error).toMatchObject({
      code: 'merchant_order_id_duplicate',
      fields: [{ name: 'merchantOrderId', code: 'wrong_value' }],
    });
    const second = { authorization: 'Bearer second-shop-token' };
    const other = { ...order, merchantId: 'aaaaaaaa-0000-0000-0000-000000000001' };
    expect((await api('POST', '/v3/billing/api/order/order', other, second)).status).toBe(200);
    expect((await api('POST', '/v3/billing/api/order/order', other, second)).status).toBe(200);
  });

  it('a bad token is 401 unauthorized; no token on auth/auth is an anonymous 200', async () => {
    const res = await api('GET', '/v3/filter/api/order/order', undefined, { authorization: 'Bearer wrong' });
    expect(res.status).toBe(401);
    expect(await res.json()).toEqual({
      error: { message: 'Unauthorized', code: 'unauthorized', fields: [] },
    });
    const anonymous = await api('GET', '/v3/security/api/auth/auth', undefined, {});
    expect((await anonymous.json()).data.userId).toBeNull();
    expect((await api('GET', '/v3/filter/api/order/order', undefined, {})).status).toBe(401);
  });

  it('another shop cannot see or cancel the order', async () => {
    const { data } = await (await api('POST', '/v3/billing/api/order/order', docsOrder())).json();
    const second = { authorization: 'Bearer second-shop-token' };
    expect((await api('GET', `/v3/billing/api/order/order/${data.id}`, undefined, second)).status).toBe(404);
    expect((await api('DELETE', `/v3/billing/api/order/order/${data.id}`, undefined, second)).status).toBe(
      404,
    );
    const list = await (
      await api('GET', `/v3/filter/api/order/order?id=${data.id}`, undefined, second)
    ).json();
    expect(list.metaData.totalCount).toBe(0);
  });

  it('filters: status[], repeated status=, operators, both paging spellings, _order', async () => {
    const tag = `flt-${Date.now()}`;
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) {
      const res = await api(
        'POST',
        '/v3/billing/api/order/order',
        docsOrder({ merchantOrderId: `${tag}-${i}` }),
      );
      ids.push((await res.json()).data.id);
    }
    await api('DELETE', `/v3/billing/api/order/order/${ids[0]}`);
    const get = async (query: string) => (await api('GET', `/v3/filter/api/order/order?${query}`)).json();
    const prefix = `merchantOrderId[_start]=${tag}`;
    expect((await get(`${prefix}&status=canceled`)).metaData.totalCount).toBe(1);
    expect((await get(`${prefix}&status[]=canceled&status[]=created`)).metaData.totalCount).toBe(3);
    expect((await get(`${prefix}&status=canceled&status=created`)).metaData.totalCount).toBe(3);
    expect((await get(`${prefix}&status[_ne]=canceled`)).metaData.totalCount).toBe(2);
    expect((await get(`${prefix}&createdAt[_ge]=2000-01-01T00:00:00`)).metaData.totalCount).toBe(3);
    expect((await get(`${prefix}&createdAt[_lt]=2000-01-01T00:00:00`)).metaData.totalCount).toBe(0);
    expect((await get(`${prefix}&amount[_gt]=371.87&amount[_le]=371.88`)).metaData.totalCount).toBe(3);
    const paged = await get(`${prefix}&page=2&pageSize=2&_order[merchantOrderId]=desc`);
    expect(paged.metaData).toEqual({ totalCount: 3, pageSize: 2, page: 2 });
    expect(paged.data.map((o: { merchantOrderId: string }) => o.merchantOrderId)).toEqual([`${tag}-0`]);
    const underscored = await get(`${prefix}&_page=1&_pageSize=1&_order[merchantOrderId]=asc`);
    expect(underscored.data[0].merchantOrderId).toBe(`${tag}-0`);
    expect((await get(prefix)).metaData.pageSize).toBe(30);
    const bad = await api('GET', '/v3/filter/api/order/order?colour=red');
    expect(bad.status).toBe(422);
    expect((await bad.json()).error.fields[0].name).toBe('colour');
  });

  it('update only while unpaid; basket re-checked', async () => {
    const { data } = await (await api('POST', '/v3/billing/api/order/order', docsOrder())).json();
    const wrong = await api('PUT', `/v3/billing/api/order/order/${data.id}`, { amount: 1 });
    expect((await wrong.json()).error.code).toBe('wrong_total_amount');
    await fetch(`${sandbox.url}/_sandbox/orders/${data.id}/pay`, { method: 'POST' });
    const paid = await api('PUT', `/v3/billing/api/order/order/${data.id}`, { description: 'x' });
    expect(paid.status).toBe(422);
    expect((await paid.json()).error.code).toBe('wrong_order_status');
    const got = await (await api('GET', `/v3/billing/api/order/order/${data.id}`)).json();
    expect(got.data).toMatchObject({ status: 'completed', description: 'Оплата номера в отеле' });
    expect(got.data.paidAt).toMatch(/\+00:00$/);
  });

  it('an order past its expirationDate reads as expired', async () => {
    const soon = new Date(Date.now() + 1500).toISOString().replace(/\.\d+Z$/, '+00:00');
    const { data } = await (
      await api('POST', '/v3/billing/api/order/order', docsOrder({ expirationDate: soon }))
    ).json();
    await new Promise((r) => setTimeout(r, Date.parse(soon) - Date.now() + 50));
    const got = await (await api('GET', `/v3/billing/api/order/order/${data.id}`)).json();
    expect(got.data.status).toBe('expired');
  });
});
