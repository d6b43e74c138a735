import {
  createInvoiceboxClient,
  DEMO_SHOP,
  InvoiceboxApiError,
  InvoiceboxAuthError,
  InvoiceboxRateLimitError,
} from '@checkout/invoicebox';
import { beforeAll, describe, expect, it } from 'vitest';
import { startSandbox } from '../src/index.js';
import { control, docsOrder, eventually, twoLineOrder } from './support/fixtures.js';
import { useSandbox } from './support/sandbox.js';

// Drives the sandbox through the shared package's client: what the shop's API will do against it.
describe('the @checkout/invoicebox client against the sandbox', () => {
  const sandbox = useSandbox({ refundCompletionDelayMs: 0 });
  let client: ReturnType<typeof createInvoiceboxClient>;

  beforeAll(() => {
    client = createInvoiceboxClient({ baseUrl: sandbox.url, token: DEMO_SHOP.token, retry: { retries: 0 } });
  });

  it('checkAuth returns the shop user', async () => {
    const { data, requestId } = await client.checkAuth();
    expect(data.userId).toMatch(/^[0-9a-f-]{36}$/);
    expect(requestId).toBeTruthy();
  });

  it('create, get, find (id, merchantOrderId, status), update, cancel', async () => {
    const request = docsOrder();
    const { data: created } = await client.createOrder(request);
    expect(created).toMatchObject({
      status: 'created',
      amount: 371.88,
      vatAmount: 61.98,
      merchantOrderId: request.merchantOrderId,
    });
    expect(created.paymentUrl).toBe(`${sandbox.url}/order/${created.orderContainerId}`);

    expect((await client.getOrder(created.id)).data.id).toBe(created.id);
    const byNumber = await client.findOrders({ merchantOrderId: request.merchantOrderId });
    expect(byNumber.data.map((o) => o.id)).toEqual([created.id]);
    expect(byNumber.metaData).toEqual({ totalCount: 1, pageSize: 30, page: 1 });
    const byId = await client.findOrders({ id: created.id, status: ['created', 'completed'] });
    expect(byId.data).toHaveLength(1);
    expect((await client.findOrders({ id: created.id, status: 'completed' })).data).toHaveLength(0);

    const { data: updated } = await client.updateOrder(created.id, { description: 'Новое описание' });
    expect(updated.description).toBe('Новое описание');
    const { data: canceled } = await client.cancelOrder(created.id);
    expect(canceled.status).toBe('canceled');
    await expect(client.cancelOrder(created.id)).rejects.toMatchObject({
      status: 422,
      code: 'wrong_order_status',
    });
  });

  it('paging and sorting with the underscore spelling the client sends', async () => {
    const prefix = `page-${Date.now()}`;
    for (let i = 0; i < 3; i++) await client.createOrder(docsOrder({ merchantOrderId: `${prefix}-${i}` }));
    const first = await client.findOrders({ pageSize: 2, page: 1, order: { createdAt: 'desc' } });
    expect(first.data).toHaveLength(2);
    expect(first.metaData.pageSize).toBe(2);
    expect(first.metaData.totalCount).toBeGreaterThanOrEqual(3);
  });

  it('refundable items, partial refund, refund list, completion', async () => {
    const { data: order } = await client.createOrder(twoLineOrder());
    await expect(client.getRefundableItems(order.id)).resolves.toMatchObject({
      data: [
        { sku: 'TEA-100', availableAmount: 0 },
        { sku: 'KETTLE', availableAmount: 0 },
      ],
    });
    await control(sandbox.url, 'POST', `/_sandbox/orders/${order.id}/pay`, {});
    const { data: before } = await client.getRefundableItems(order.id);
    expect(before.map((i) => [i.sku, i.availableAmount])).toEqual([
      ['TEA-100', 698],
      ['KETTLE', 3000],
    ]);
    const line = { ...twoLineOrder().basketItems[0]!, quantity: 1, totalAmount: 349, totalVatAmount: 58.17 };
    const onePack = {
      parentId: order.id,
      merchantOrderId: `r-${order.id}`,
      amount: 349,
      vatAmount: 58.17,
      basketItems: [line],
      description: 'Возврат одной пачки',
    };
    const { data: refund } = await client.createRefund(onePack);
    expect(refund).toMatchObject({ parentId: order.id, status: 'created', amount: 349 });
    const { data: after } = await client.getRefundableItems(order.id);
    expect(after[0]?.availableAmount).toBe(349);

    const done = await eventually(async () => {
      const { data } = await client.findRefunds({ parentId: order.id, status: 'completed' });
      return data.length === 1 ? data : undefined;
    });
    expect(done[0]?.id).toBe(refund.id);
    await expect(client.createRefund({ ...onePack, description: 'Повтор' })).rejects.toMatchObject({
      code: 'merchant_order_id_duplicate',
    });
    await expect(
      client.createRefund({
        ...onePack,
        merchantOrderId: `r2-${order.id}`,
        amount: 698,
        vatAmount: 116.33,
        basketItems: [{ ...line, quantity: 2, totalAmount: 698, totalVatAmount: 116.33 }],
        description: 'Больше, чем осталось',
      }),
    ).rejects.toBeInstanceOf(InvoiceboxApiError);
  });

  it('a refund of an unpaid order is wrong_order_status', async () => {
    const { data: order } = await client.createOrder(docsOrder());
    const { basketItems } = docsOrder();
    await expect(
      client.createRefund({
        parentId: order.id,
        merchantOrderId: `r-${order.id}`,
        amount: 371.88,
        vatAmount: 61.98,
        basketItems,
        description: 'x',
      }),
    ).rejects.toMatchObject({ status: 422, code: 'wrong_order_status' });
  });

  it('shipments: create and list under /billing/ and /filter/', async () => {
    const request = docsOrder();
    const { data: order } = await client.createOrder(request);
    await control(sandbox.url, 'POST', `/_sandbox/orders/${order.id}/pay`, {});
    const { data: shipment } = await client.createShipment({
      orderId: order.id,
      documentNumber: 'УПД-1',
      documentDate: '2026-01-15',
      basketItems: request.basketItems,
    });
    expect(shipment).toMatchObject({ orderId: order.id, merchantId: DEMO_SHOP.merchantId });
    expect(typeof shipment.id).toBe('number');
    for (const path of [
      `/v3/billing/api/order/shipment?orderId=${order.id}&_pageSize=50`,
      `/v3/filter/api/order/shipment?orderId=${order.id}`,
    ]) {
      const res = await fetch(`${sandbox.url}${path}`, {
        headers: { authorization: `Bearer ${DEMO_SHOP.token}` },
      });
      const body = (await res.json()) as { data: { id: number }[]; metaData: { totalCount: number } };
      expect(body.data.map((s) => s.id)).toEqual([shipment.id]);
      expect(body.metaData.totalCount).toBe(1);
    }
  });

  it('l3 paths answer like v3', async () => {
    const l3 = createInvoiceboxClient({ baseUrl: sandbox.url, token: DEMO_SHOP.token, apiVersion: 'l3' });
    const { data } = await l3.createOrder(docsOrder());
    expect((await l3.getOrder(data.id)).data.status).toBe('created');
  });

  it('a wrong token is an auth error', async () => {
    const bad = createInvoiceboxClient({ baseUrl: sandbox.url, token: 'nope', retry: { retries: 0 } });
    await expect(bad.getOrder('x')).rejects.toBeInstanceOf(InvoiceboxAuthError);
  });

  it('the rate limit answers 429 with Retry-After', async () => {
    const limited = await startSandbox({ port: 0, log: false, rateLimit: { requests: 3, windowMs: 60_000 } });
    try {
      const c = createInvoiceboxClient({
        baseUrl: limited.url,
        token: DEMO_SHOP.token,
        retry: { retries: 0 },
      });
      for (let i = 0; i < 3; i++) await c.checkAuth();
      await expect(c.checkAuth()).rejects.toBeInstanceOf(InvoiceboxRateLimitError);
      const raw = await fetch(`${limited.url}/v3/security/api/auth/auth`, {
        headers: { authorization: `Bearer ${DEMO_SHOP.token}` },
      });
      expect(raw.status).toBe(429);
      expect(Number(raw.headers.get('retry-after'))).toBeGreaterThan(0);
    } finally {
      await limited.close();
    }
  });
});
