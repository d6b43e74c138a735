import { describe, expect, it } from 'vitest';
import {
  DEMO_SHOP,
  InvoiceboxApiError,
  InvoiceboxAuthError,
  InvoiceboxBasketError,
  InvoiceboxNetworkError,
  InvoiceboxRateLimitError,
  InvoiceboxRequestError,
  InvoiceboxResponseError,
  InvoiceboxUnknownResultError,
  PACKAGE_VERSION,
} from '../src/index.js';
import { fixtureJson } from './fixtures.js';
import { clientOf, orderRequestOf, rejection, useTestServer } from './harness.js';
import { sendJson, startTestServer } from './http-server.js';

const server = useTestServer();

const fastRetry = { retries: 2, baseDelayMs: 1, maxDelayMs: 50 };
const client = (over: Parameters<typeof clientOf>[1] = {}) =>
  clientOf(server.url, { retry: fastRetry, timeoutMs: 2000, ...over });

const orderRequest = () =>
  orderRequestOf([{ sku: 'a', name: 'Чай', unitPrice: 12396, quantity: 3, vatCode: 'RUS_VAT20' }], {
    merchantOrderId: 'order-1',
    description: 'Заказ 1',
    expirationDate: '2030-01-01T00:00:00+00:00',
    customer: { type: 'private', name: 'Пётр' },
  });

describe('requests', () => {
  it('createOrder sends the required headers and body and returns data + X-Request-Id', async () => {
    server.handle((_req, res) => sendJson(res, 200, fixtureJson('success-create-order-response.json')));
    const seenInfo: unknown[] = [];
    const result = await client({ onResponse: (info) => seenInfo.push(info) }).createOrder(orderRequest());
    expect(result.requestId).toBe('req-123');
    expect(result.data.id).toBe('017f038f-c78b-736d-dc00-8bce30bd0f9f');
    const [req] = server.seen;
    expect(req?.method).toBe('POST');
    expect(req?.url).toBe('/v3/billing/api/order/order');
    expect(req?.headers['content-type']).toBe('application/json');
    expect(req?.headers.accept).toBe('application/json');
    expect(req?.headers.authorization).toBe(`Bearer ${DEMO_SHOP.token}`);
    expect(req?.headers['user-agent']).toBe(
      `invoicebox-checkout/${PACKAGE_VERSION} (Node.js/${process.versions.node})`,
    );
    expect(JSON.parse(req?.body ?? '')).toEqual(orderRequest());
    expect(seenInfo).toEqual([
      expect.objectContaining({
        method: 'POST',
        path: '/v3/billing/api/order/order',
        status: 200,
        requestId: 'req-123',
      }),
    ]);
  });

  it('uses the documented path for every method, and /l3 when asked', async () => {
    const order = (fixtureJson('success-create-order-response.json') as { data: unknown }).data;
    const refund = fixtureJson('success-create-refund-order.json') as { data: { basketItems: unknown[] } };
    server.handle((req, res) => {
      if (req.url.includes('refund-basket-item')) {
        return sendJson(res, 200, {
          data: [{ ...(refund.data.basketItems[0] as object), availableAmount: 2790.67 }],
        });
      }
      if (req.url.includes('/filter/api/order/refund-order')) {
        return sendJson(res, 200, {
          data: [refund.data],
          metaData: { totalCount: 1, pageSize: 30, page: 1 },
        });
      }
      if (req.url.includes('refund-order')) return sendJson(res, 200, refund);
      if (req.url.includes('shipment'))
        return sendJson(res, 200, { data: { id: 2, orderId: 'o-1', merchantId: 'm' } });
      if (req.url.includes('auth'))
        return sendJson(res, 200, fixtureJson('success-check-auth-response.json'));
      return sendJson(res, 200, { data: order });
    });
    const c = client({ apiVersion: 'l3', userAgent: 'MyShop/1.0' });
    const items = orderRequest().basketItems;
    await c.checkAuth();
    await c.getOrder('a/b');
    await c.updateOrder('o-1', { description: 'Новое описание' });
    await c.cancelOrder('o-1');
    const refundable = await c.getRefundableItems('o-1');
    await c.createRefund({
      parentId: 'o-1',
      merchantOrderId: 'r-1',
      amount: 371.88,
      vatAmount: 61.98,
      basketItems: items,
      description: 'Возврат',
    });
    const refunds = await c.findRefunds({ parentId: 'o-1', status: 'created' });
    const shipment = await c.createShipment({ orderId: 'o-1', basketItems: items });
    expect(server.seen.map((r) => `${r.method} ${r.url}`)).toEqual([
      'GET /l3/security/api/auth/auth',
      'GET /l3/billing/api/order/order/a%2Fb',
      'PUT /l3/billing/api/order/order/o-1',
      'DELETE /l3/billing/api/order/order/o-1',
      'GET /l3/billing/api/order/order/o-1/refund-basket-item',
      'POST /l3/billing/api/order/refund-order',
      'GET /l3/filter/api/order/refund-order?parentId=o-1&status=created',
      'POST /l3/billing/api/order/shipment',
    ]);
    expect(server.seen[0]?.headers['user-agent']).toBe('MyShop/1.0');
    expect(refundable.data[0]?.availableAmount).toBe(2790.67);
    expect(refunds.metaData.totalCount).toBe(1);
    expect(shipment.data.id).toBe(2);
  });

  it('findOrders sends filters, repeated statuses, ranges, paging and sorting', async () => {
    server.handle((_req, res) => sendJson(res, 200, fixtureJson('success-get-order-response.json')));
    const result = await client().findOrders({
      merchantOrderId: 'order 1',
      status: ['created', 'completed'],
      createdAt: { ge: new Date('2021-01-27T00:00:00Z'), le: '2021-02-01T00:00:00+03:00' },
      page: 2,
      pageSize: 10,
      order: { createdAt: 'asc' },
    });
    expect(server.seen[0]?.url).toBe(
      '/v3/filter/api/order/order?merchantOrderId=order%201&status[]=created&status[]=completed' +
        '&createdAt[_ge]=2021-01-27T00%3A00%3A00%2B00%3A00&createdAt[_le]=2021-02-01T00%3A00%3A00%2B03%3A00' +
        '&_page=2&_pageSize=10&_order[createdAt]=asc',
    );
    expect(result.data).toHaveLength(2);
    expect(result.metaData).toEqual({ totalCount: 2, pageSize: 30, page: 1 });
  });
});

describe('errors', () => {
  it('an API error envelope becomes InvoiceboxApiError with code, fields, status and request id', async () => {
    server.handle((_req, res) => sendJson(res, 422, fixtureJson('wrong-amount-response.json')));
    const error = await rejection(client().createOrder(orderRequest()));
    expect(error).toBeInstanceOf(InvoiceboxApiError);
    expect(error).toMatchObject({ status: 422, code: 'wrong_total_amount', requestId: 'req-123' });
    expect((error as InvoiceboxApiError).fields).toEqual([
      { name: 'amount', code: 'wrong_value', message: '' },
    ]);
    expect(server.seen).toHaveLength(1);
  });

  it('401 and 403 become InvoiceboxAuthError', async () => {
    server.handle((_req, res, n) =>
      n === 1
        ? sendJson(res, 401, { error: { message: 'Unauthorized', code: 'unauthorized' } })
        : sendJson(res, 403, fixtureJson('wrong-check-auth-response.json')),
    );
    expect(await rejection(client().checkAuth())).toMatchObject({
      name: 'InvoiceboxAuthError',
      status: 401,
      code: 'unauthorized',
    });
    const forbidden = await rejection(client().checkAuth());
    expect(forbidden).toBeInstanceOf(InvoiceboxAuthError);
    expect(forbidden).toMatchObject({ status: 403, code: 'forbidden' });
  });

  it('a non-JSON error body still gives a typed error', async () => {
    server.handle((_req, res) => sendJson(res, 404, '<html>not found</html>'));
    const error = await rejection(client().getOrder('x'));
    expect(error).toBeInstanceOf(InvoiceboxApiError);
    expect(error).toMatchObject({ name: 'InvoiceboxNotFoundError', status: 404, code: 'http_404' });
  });

  it('invalid requests are refused locally and nothing is sent', async () => {
    server.handle((_req, res) => sendJson(res, 500, {}));
    const typo = await rejection(client().createOrder({ ...orderRequest(), description: '' }));
    expect(typo).toBeInstanceOf(InvoiceboxRequestError);
    expect((typo as InvoiceboxRequestError).issues[0]?.field).toBe('description');
    const badSum = await rejection(client().createOrder({ ...orderRequest(), amount: 371.87 }));
    expect(badSum).toBeInstanceOf(InvoiceboxBasketError);
    expect((badSum as InvoiceboxBasketError).issues[0]).toMatchObject({
      code: 'wrong_total_amount',
      field: 'amount',
    });
    expect(server.seen).toHaveLength(0);
  });

  it('a successful read with an unexpected body is InvoiceboxResponseError; the same on a write is unknown result', async () => {
    server.handle((_req, res) => sendJson(res, 200, { data: { unexpected: true } }));
    expect(await rejection(client().getOrder('x'))).toBeInstanceOf(InvoiceboxResponseError);
    expect(await rejection(client().createOrder(orderRequest()))).toBeInstanceOf(
      InvoiceboxUnknownResultError,
    );
    expect(server.seen).toHaveLength(2);
  });
});

describe('retries', () => {
  it('reads retry on 429 honouring Retry-After, then succeed', async () => {
    const order = (fixtureJson('success-create-order-response.json') as { data: unknown }).data;
    server.handle((_req, res, n) =>
      n < 3
        ? sendJson(
            res,
            429,
            { error: { message: 'Too Many', code: 'too_many_requests' } },
            { 'Retry-After': '0' },
          )
        : sendJson(res, 200, { data: order }),
    );
    const result = await client().getOrder('x');
    expect(result.data.status).toBe('created');
    expect(server.seen).toHaveLength(3);
  });

  it('waits for a Retry-After given in seconds before repeating a read', async () => {
    server.handle((_req, res, n) =>
      n === 1
        ? sendJson(res, 503, '', { 'Retry-After': '1' })
        : sendJson(res, 200, fixtureJson('success-check-auth-response.json')),
    );
    await client({ retry: { retries: 1, baseDelayMs: 1, maxDelayMs: 2000 } }).checkAuth();
    const [first, second] = server.seen;
    expect(second!.at - first!.at).toBeGreaterThanOrEqual(900);
  });

  it('retries on 408, 425 and 503 (Retry-After as an HTTP date) and gives up after the configured retries', async () => {
    const past = new Date(Date.now() - 60_000).toUTCString();
    server.handle((_req, res, n) =>
      sendJson(
        res,
        [408, 425, 503][n - 1] ?? 503,
        { error: { message: 'busy', code: 'busy' } },
        { 'Retry-After': past },
      ),
    );
    const error = await rejection(client().findOrders());
    expect(error).toMatchObject({ name: 'InvoiceboxApiError', status: 503, code: 'busy' });
    expect(server.seen).toHaveLength(3);
  });

  it('a Retry-After longer than maxDelayMs ends the retries with InvoiceboxRateLimitError', async () => {
    server.handle((_req, res) => sendJson(res, 429, '', { 'Retry-After': '120' }));
    const error = await rejection(client().getOrder('x'));
    expect(error).toBeInstanceOf(InvoiceboxRateLimitError);
    expect((error as InvoiceboxRateLimitError).retryAfterMs).toBe(120_000);
    expect(server.seen).toHaveLength(1);
  });

  it('writes are never retried: 429, 503 and 500 are answered once', async () => {
    server.handle((_req, res) => sendJson(res, 429, '', { 'Retry-After': '0' }));
    expect(await rejection(client().createOrder(orderRequest()))).toBeInstanceOf(InvoiceboxRateLimitError);
    expect(server.seen).toHaveLength(1);
    for (const status of [503, 500]) {
      server.handle((_req, res) => sendJson(res, status, { error: { message: 'oops', code: 'internal' } }));
      const error = await rejection(client().createOrder(orderRequest()));
      expect(error).toBeInstanceOf(InvoiceboxUnknownResultError);
      expect(error.message).toMatch(/merchantOrderId/);
      expect(server.seen).toHaveLength(1);
    }
  });

  it('a write that times out or loses its connection is an unknown result, sent once', async () => {
    server.handle(() => {}); // never answers
    const timedOut = await rejection(client({ timeoutMs: 150 }).createOrder(orderRequest()));
    expect(timedOut).toBeInstanceOf(InvoiceboxUnknownResultError);
    expect(server.seen).toHaveLength(1);
    server.handle((_req, res) => res.socket?.destroy());
    expect(await rejection(client().cancelOrder('o-1'))).toBeInstanceOf(InvoiceboxUnknownResultError);
    expect(server.seen).toHaveLength(1);
  });

  it('reads retry network failures and timeouts, then throw InvoiceboxNetworkError', async () => {
    server.handle(() => {});
    const error = await rejection(client({ timeoutMs: 100 }).getOrder('x'));
    expect(error).toBeInstanceOf(InvoiceboxNetworkError);
    expect((error as InvoiceboxNetworkError).timeout).toBe(true);
    expect(server.seen).toHaveLength(3);
    server.handle((_req, res, n) =>
      n === 1 ? res.socket?.destroy() : sendJson(res, 200, fixtureJson('success-check-auth-response.json')),
    );
    expect((await client().checkAuth()).data.userId).toBe('017c3c54-5df4-4a72-e90b-b811795fc379');
    expect(server.seen).toHaveLength(2);
  });

  it('a write that could not connect at all is a network error (safe to repeat)', async () => {
    const closed = await startTestServer();
    const url = closed.url;
    await closed.close();
    const error = await rejection(client({ baseUrl: url }).createOrder(orderRequest()));
    expect(error).toBeInstanceOf(InvoiceboxNetworkError);
    expect((error as InvoiceboxNetworkError).timeout).toBe(false);
  });
});
