import { describe, expect, it } from 'vitest';
import {
  type BasketItem,
  buildBasket,
  DEMO_SHOP,
  InvoiceboxOrderStatusError,
  InvoiceboxRefundWithFeeError,
  InvoiceboxRequestError,
  InvoiceboxUnknownResultError,
  toBasketItems,
} from '../src/index.js';
import { fixtureJson } from './fixtures.js';
import { clientOf, rejection, useTestServer } from './harness.js';
import { sendJson } from './http-server.js';

const server = useTestServer();

const client = () => clientOf(server.url);
const order = (status: string) => ({
  data: { ...(fixtureJson('success-create-order-response.json') as { data: object }).data, status },
});
const refund = fixtureJson('success-create-refund-order.json') as { data: { id: string } };
const items = (unitPrice: number, sku: string): BasketItem[] =>
  toBasketItems(
    buildBasket([{ sku, name: sku, unitPrice, quantity: 1, vatCode: 'RUS_VAT20', type: 'service' }]).lines,
  );

const requests = () => server.seen.map((r) => `${r.method} ${r.url}`);

describe('listShipments', () => {
  it("reads Invoicebox's MCP path, falls back to the docs' one on 404, and drops other orders' rows", async () => {
    const rows = [
      { id: 2, orderId: 'o-1', merchantId: 'm', status: 'completed', amount: '100.00', final: true },
      { id: 3, orderId: 'o-2', merchantId: 'm', status: 'pending' },
      { id: '4', orderId: 'o-1', status: 'new-status' },
    ];
    server.handle((req, res) =>
      req.url.startsWith('/v3/billing/')
        ? sendJson(res, 404, { error: { message: 'Not Found', code: 'not_found' } })
        : sendJson(res, 200, { data: rows, metaData: { totalCount: 3, pageSize: 50, page: 1 } }),
    );
    const { data, metaData } = await client().listShipments({ orderId: 'o-1', pageSize: 50 });
    expect(data.map((s) => [s.id, s.status, s.amount])).toEqual([
      [2, 'completed', 100],
      ['4', 'new-status', undefined],
    ]);
    expect(metaData.totalCount).toBe(3);
    expect(requests()).toEqual([
      'GET /v3/billing/api/order/shipment?orderId=o-1&_pageSize=50',
      'GET /v3/filter/api/order/shipment?orderId=o-1&_pageSize=50',
    ]);
    server.handle((_req, res) => sendJson(res, 200, { data: rows }));
    expect((await client().listShipments({ orderId: 'o-2' })).metaData).toEqual({
      totalCount: 3,
      pageSize: 3,
      page: 1,
    });
    expect(server.seen).toHaveLength(1);
  });

  it('createShipment passes final: true (captures a hold)', async () => {
    server.handle((_req, res) => sendJson(res, 200, { data: { id: 7, orderId: 'o-1', final: true } }));
    await client().createShipment({ orderId: 'o-1', basketItems: items(1000, 'a'), final: true });
    expect(JSON.parse(server.seen[0]?.body ?? '')).toMatchObject({ orderId: 'o-1', final: true });
  });
});

describe('findCounterparties', () => {
  it('checks the INN locally, then looks it up', async () => {
    server.handle((_req, res) =>
      sendJson(res, 200, {
        data: [
          {
            id: 1,
            vatNumber: '7707083893',
            taxRegistrationReasonCode: '773601001',
            name: 'ПАО СБЕРБАНК',
            postAddressZip: null,
            extra: 'kept',
          },
        ],
      }),
    );
    for (const bad of ['7707083894', '123', '', ' 77070838931']) {
      const error = await rejection(client().findCounterparties(bad));
      expect(error).toBeInstanceOf(InvoiceboxRequestError);
      expect((error as InvoiceboxRequestError).issues[0]?.field).toBe('vatNumber');
    }
    expect(server.seen).toHaveLength(0);
    const { data } = await client().findCounterparties(' 7707083893 ');
    expect(data[0]).toMatchObject({
      name: 'ПАО СБЕРБАНК',
      taxRegistrationReasonCode: '773601001',
      extra: 'kept',
    });
    expect(requests()).toEqual(['GET /v3/filter/api/counterparty-detail?vatNumber=7707083893']);
  });
});

describe('refund with a kept fee', () => {
  const params = () => ({
    parentId: 'o-1',
    merchantOrderId: 'r-1',
    description: 'Возврат со сбором',
    refundItems: items(100000, 'ticket'),
    feeItems: items(5000, 'fee'),
    merchantId: DEMO_SHOP.merchantId,
    expirationDate: '2030-01-01T00:00:00+00:00',
  });

  it('creates a draft refund, then the correction order on it', async () => {
    server.handle((req, res) =>
      req.url.endsWith('refund-order')
        ? sendJson(res, 200, { data: { ...refund.data, status: 'draft' } })
        : sendJson(res, 200, order('created')),
    );
    const { data } = await client().refundWithFee(params());
    expect(data.refund.status).toBe('draft');
    expect(data.correctionOrder.id).toBe('017f038f-c78b-736d-dc00-8bce30bd0f9f');
    expect(requests()).toEqual([
      'POST /v3/billing/api/order/refund-order',
      'POST /v3/billing/api/order/correction-order',
    ]);
    const [draft, correction] = server.seen.map((r) => JSON.parse(r.body));
    expect(draft).toMatchObject({
      parentId: 'o-1',
      merchantOrderId: 'r-1',
      status: 'draft',
      amount: 1000,
      vatAmount: 166.67,
    });
    expect(correction).toMatchObject({
      parentId: refund.data.id,
      merchantOrderId: 'r-1-fee',
      amount: 50,
      vatAmount: 8.33,
      currencyId: 'RUB',
      customer: {},
    });
  });

  it('when the correction order fails, the error carries the draft refund id; nothing is retried', async () => {
    server.handle((req, res) =>
      req.url.endsWith('refund-order')
        ? sendJson(res, 200, { data: { ...refund.data, status: 'draft' } })
        : sendJson(res, 500, { error: { message: 'oops', code: 'internal' } }),
    );
    const error = await rejection(client().refundWithFee(params()));
    expect(error).toBeInstanceOf(InvoiceboxRefundWithFeeError);
    expect((error as InvoiceboxRefundWithFeeError).draftRefundId).toBe(refund.data.id);
    expect(error.cause).toBeInstanceOf(InvoiceboxUnknownResultError);
    expect(server.seen).toHaveLength(2);
  });

  it('checks both requests before sending either', async () => {
    server.handle((_req, res) => sendJson(res, 200, order('created')));
    const bad = { ...params(), feeItems: [{ ...items(5000, 'fee')[0]!, totalAmount: 49.99 }] };
    expect(await rejection(client().refundWithFee(bad))).toMatchObject({ name: 'InvoiceboxBasketError' });
    const empty = await rejection(client().refundWithFee({ ...params(), feeItems: [] }));
    expect((empty as InvoiceboxRequestError).issues[0]?.field).toBe('feeItems');
    expect(server.seen).toHaveLength(0);
  });

  it('createCorrectionOrder needs the draft refund as parentId', async () => {
    server.handle((_req, res) => sendJson(res, 200, order('created')));
    const body = {
      merchantId: DEMO_SHOP.merchantId,
      merchantOrderId: 'fee-1',
      description: 'Сбор',
      amount: 50,
      vatAmount: 8.33,
      currencyId: 'RUB' as const,
      expirationDate: '2030-01-01T00:00:00+00:00',
      basketItems: items(5000, 'fee'),
      customer: {},
    };
    const missing = await rejection(client().createCorrectionOrder({ ...body, parentId: '' }));
    expect((missing as InvoiceboxRequestError).issues[0]?.field).toBe('parentId');
    await client().createCorrectionOrder({ ...body, parentId: 'draft-1' });
    expect(requests()).toEqual(['POST /v3/billing/api/order/correction-order']);
  });
});

describe('releaseHold', () => {
  it('cancels a held payment with DELETE', async () => {
    server.handle((req, res) => sendJson(res, 200, order(req.method === 'DELETE' ? 'canceled' : 'hold')));
    const { data } = await client().releaseHold('o-1');
    expect(data.status).toBe('canceled');
    expect(requests()).toEqual([
      'GET /v3/billing/api/order/order/o-1',
      'DELETE /v3/billing/api/order/order/o-1',
    ]);
  });

  it('refuses locally when the order is not held', async () => {
    for (const status of ['completed', 'created']) {
      server.handle((_req, res) => sendJson(res, 200, order(status)));
      const error = await rejection(client().releaseHold('o-1'));
      expect(error).toBeInstanceOf(InvoiceboxOrderStatusError);
      expect(error).toMatchObject({ code: 'wrong_order_status', orderStatus: status });
      expect(requests()).toEqual(['GET /v3/billing/api/order/order/o-1']);
    }
  });
});

describe('getRefundableItems on rows with availableAmount', () => {
  it('keeps them and adds the VAT share where it is missing', async () => {
    const row = { ...items(100000, 'ticket')[0]!, availableAmount: 500 };
    server.handle((_req, res) =>
      sendJson(res, 200, { data: [row, { ...row, sku: 'b', availableAmount: 0, availableVatAmount: 0 }] }),
    );
    const { data } = await client().getRefundableItems('o-1');
    expect(data.map((r) => [r.sku, r.availableAmount, r.availableVatAmount])).toEqual([
      ['ticket', 500, 83.34],
      ['b', 0, 0],
    ]);
    expect(server.seen).toHaveLength(1);
  });
});
