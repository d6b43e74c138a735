import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  InvoiceboxApiError,
  InvoiceboxAuthError,
  signNotification,
  verifyNotification,
} from '../src/index.js';
import { type FakeAnswer, fakeInvoiceboxFetch } from './fake-invoicebox.js';
import { FIXTURES, fixtureBytes, fixtureJson, NOTIFICATION_KEY, NOTIFICATION_SIGNATURE } from './fixtures.js';
import { clientOf, orderRequestOf, rejection } from './harness.js';

// Every payload of Invoicebox's PHP SDK, answered by a fake fetch that stands for Invoicebox, read through the real
// client by the call it answers. Nobody here designed these shapes; the client has to take them as they are.

const client = (routes: Record<string, FakeAnswer>) => {
  const fake = fakeInvoiceboxFetch(routes);
  return {
    fake,
    invoicebox: clientOf('https://api.invoicebox.ru', { fetch: fake.fetch }),
  };
};

const orderRequest = () =>
  orderRequestOf(
    [{ sku: '0123456789', name: 'Black Edition', unitPrice: 279067, quantity: 1, vatCode: 'VATNONE' }],
    {
      merchantOrderId: '1',
      description: 'Проездной билет',
      expirationDate: '2030-07-02T00:00:00+00:00',
      customer: { type: 'private', name: 'OOO TEST' },
    },
  );

const covered = new Set<string>();
const use = (file: string) => {
  covered.add(file);
  return file;
};
const dataOf = (file: string) => (fixtureJson(file) as { data: Record<string, unknown> }).data;

describe('Invoicebox PHP SDK fixtures through the client', () => {
  it('checkAuth', async () => {
    const { invoicebox } = client({
      'GET /security/api/auth/auth': { fixture: use('success-check-auth-response.json') },
    });
    const { data, requestId } = await invoicebox.checkAuth();
    expect(data.userId).toBe('017c3c54-5df4-4a72-e90b-b811795fc379');
    expect(requestId).toBe('fake-1');
  });

  it('createOrder', async () => {
    const { invoicebox } = client({
      'POST /billing/api/order/order': { fixture: use('success-create-order-response.json') },
    });
    const { data } = await invoicebox.createOrder(orderRequest());
    expect(data).toMatchObject({
      id: '017f038f-c78b-736d-dc00-8bce30bd0f9f',
      status: 'created',
      amount: 2790.67,
      shopId: 333,
    });
    expect(data.paymentUrl).toBe('https://payment.dev.invbox.ru/order/017f038f-c751-e9e7-f580-d0685b4b74d9');
    expect(data.basketItems[0]).toMatchObject({
      vatCode: 'VATNONE',
      type: 'commodity',
      paymentType: 'full_prepayment',
    });
  });

  it('findOrders, and getOrder through the filter endpoint the PHP SDK uses', async () => {
    const { invoicebox, fake } = client({
      'GET /filter/api/order/order': { fixture: use('success-get-order-response.json') },
    });
    const page = await invoicebox.findOrders({ status: 'completed' });
    expect(page.data.map((o) => [o.id, o.status, o.amount, o.vatAmount])).toEqual([
      ['017f1b5a-b677-a228-2951-b3523dbbd836', 'completed', 1239.6, 0],
      ['017f0713-8238-0019-4772-f1cc6bab2e88', 'completed', 110, 10],
    ]);
    expect(page.metaData).toEqual({ totalCount: 2, pageSize: 30, page: 1 });
    // No single-order path here (404): the client asks the filter endpoint, as the PHP SDKs do.
    const { data } = await invoicebox.getOrder('017f0713-8238-0019-4772-f1cc6bab2e88');
    expect(data).toMatchObject({ merchantOrderId: '1000000014', successUrl: 'https://yandex.ru/' });
    expect(fake.seen.slice(1).map((r) => `${r.method} ${r.url}`)).toEqual([
      'GET /v3/billing/api/order/order/017f0713-8238-0019-4772-f1cc6bab2e88',
      'GET /v3/filter/api/order/order?id=017f0713-8238-0019-4772-f1cc6bab2e88',
    ]);
  });

  it('updateOrder', async () => {
    const { invoicebox } = client({
      'PUT /billing/api/order/order': { fixture: use('success-update-order-response.json') },
    });
    const { data } = await invoicebox.updateOrder('017f2c3c-e880-4a08-abc6-7bd3117eea2d', {
      description: 'Проездной',
    });
    expect(data).toMatchObject({ description: 'Проездной', status: 'created' });
  });

  it('cancelOrder', async () => {
    const { invoicebox } = client({
      'DELETE /billing/api/order/order': { fixture: use('success-delete-order-response.json') },
    });
    expect((await invoicebox.cancelOrder('017f3012-555e-cac6-65b8-28fcc3512273')).data.status).toBe(
      'canceled',
    );
  });

  it('createRefund', async () => {
    const { invoicebox } = client({
      'POST /billing/api/order/refund-order': { fixture: use('success-create-refund-order.json') },
    });
    const { data } = await invoicebox.createRefund({
      parentId: '01771534-196a-1105-839a-82422289d6d9',
      merchantOrderId: '1',
      amount: 2790.67,
      vatAmount: 0,
      basketItems: orderRequest().basketItems,
      description: 'Проездной билет',
    });
    expect(data).toMatchObject({
      status: 'created',
      parentId: '01771534-196a-1105-839a-82422289d6d9',
      amount: 2790.67,
    });
  });

  describe('getRefundableItems on rows without availableAmount', () => {
    const orderId = '017f038f-c78b-736d-dc00-8bce30bd0f9f';
    const paidOrder = { data: { ...dataOf('success-create-order-response.json'), status: 'completed' } };
    const refund = dataOf('success-create-refund-order.json');
    const refunds = (rows: object[]) => ({
      data: rows,
      metaData: { totalCount: rows.length, pageSize: 100, page: 1 },
    });
    const routes = (refundRows: object[], order: object = paidOrder) => ({
      'GET /billing/api/order/order/017f038f-c78b-736d-dc00-8bce30bd0f9f/refund-basket-item': {
        fixture: use('success-get-basket-response.json'),
      },
      'GET /billing/api/order/order': { body: order },
      'GET /filter/api/order/refund-order': { body: refunds(refundRows) },
    });

    it('nothing refunded yet: the whole line is available, worked out from the order and its refunds', async () => {
      const { invoicebox, fake } = client(routes([]));
      const { data } = await invoicebox.getRefundableItems(orderId);
      expect(data).toEqual([
        expect.objectContaining({ sku: '0123456789', availableAmount: 2790.67, availableVatAmount: 0 }),
      ]);
      expect(fake.seen.map((r) => `${r.method} ${r.url}`)).toEqual([
        `GET /v3/billing/api/order/order/${orderId}/refund-basket-item`,
        `GET /v3/billing/api/order/order/${orderId}`,
        `GET /v3/filter/api/order/refund-order?parentId=${orderId}&_page=1&_pageSize=100`,
      ]);
    });

    it('a refund of the whole line leaves nothing; a canceled one does not count; a draft does', async () => {
      const mine = { ...refund, parentId: orderId };
      expect((await client(routes([mine])).invoicebox.getRefundableItems(orderId)).data).toEqual([]);
      expect(
        (await client(routes([{ ...mine, status: 'draft' }])).invoicebox.getRefundableItems(orderId)).data,
      ).toEqual([]);
      const canceled = await client(routes([{ ...mine, status: 'canceled' }])).invoicebox.getRefundableItems(
        orderId,
      );
      expect(canceled.data[0]?.availableAmount).toBe(2790.67);
      // A refund of another order (a filter the server ignored) is not subtracted.
      expect(
        (await client(routes([refund])).invoicebox.getRefundableItems(orderId)).data[0]?.availableAmount,
      ).toBe(2790.67);
      const partial = {
        ...mine,
        amount: 1000,
        basketItems: [{ ...(refund.basketItems as object[])[0], totalAmount: 1000, amount: 1000 }],
      };
      expect(
        (await client(routes([partial])).invoicebox.getRefundableItems(orderId)).data[0]?.availableAmount,
      ).toBe(1790.67);
    });

    it('an unpaid order has nothing to refund', async () => {
      const unpaid = { data: dataOf('success-create-order-response.json') };
      expect((await client(routes([], unpaid)).invoicebox.getRefundableItems(orderId)).data).toEqual([]);
    });
  });

  it('wrong-amount: a typed API error with code wrong_total_amount naming the field amount', async () => {
    const { invoicebox } = client({
      'POST /billing/api/order/order': { status: 422, fixture: use('wrong-amount-response.json') },
    });
    const error = await rejection(invoicebox.createOrder(orderRequest()));
    expect(error).toBeInstanceOf(InvoiceboxApiError);
    expect(error).toMatchObject({
      status: 422,
      code: 'wrong_total_amount',
      fields: [{ name: 'amount', code: 'wrong_value', message: '' }],
    });
  });

  it('wrong-check-auth: 403 forbidden is the auth error', async () => {
    const { invoicebox } = client({
      'GET /security/api/auth/auth': { status: 403, fixture: use('wrong-check-auth-response.json') },
    });
    const error = await rejection(invoicebox.checkAuth());
    expect(error).toBeInstanceOf(InvoiceboxAuthError);
    expect(error).toMatchObject({ status: 403, code: 'forbidden' });
  });

  it('the payment notification is the HMAC-SHA1 test vector', () => {
    const body = fixtureBytes(use('payment-notification.body'));
    expect(signNotification(body, NOTIFICATION_KEY)).toBe(NOTIFICATION_SIGNATURE);
    expect(verifyNotification(body, NOTIFICATION_SIGNATURE, NOTIFICATION_KEY).status).toBe('success');
  });

  it('covers every payload in the fixtures folder', () => {
    const files = readdirSync(FIXTURES).filter((name) => name !== 'README.md');
    expect(files.filter((file) => !covered.has(file))).toEqual([]);
  });
});
