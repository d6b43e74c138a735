import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { DEMO_SHOP } from '@checkout/invoicebox';
import { describe, expect, it } from 'vitest';
import { control, REFUND_ORDER_FIELDS } from './support/fixtures.js';
import { fill, phpDate, rawRequest } from './support/raw-request.js';
import { useSandbox } from './support/sandbox.js';

const fixture = (name: string) =>
  readFileSync(new URL(`./fixtures/php-sdk/${name}`, import.meta.url), 'utf8');

// Exactly what Invoicebox's PHP SDK (invoicebox/sdk-php) puts on the wire: curl with no User-Agent,
// Content-Type on every method, json_encode's `\/` and `\uXXXX`, floats with `.0`, nulls and (in customers) empty
// strings dropped, the `returnUr` key of its CreateOrderRequest, shopId as an int, filters by http_build_query.
const HEADERS = {
  Authorization: `Bearer ${DEMO_SHOP.token}`,
  'Content-Type': 'application/json',
  Accept: 'application/json',
};

describe("requests as Invoicebox's PHP SDK builds them", () => {
  const sandbox = useSandbox({ refundCompletionDelayMs: 60_000 });
  const api = (method: string, path: string, body?: string) =>
    rawRequest(`${sandbox.url}/v3${path}`, method, HEADERS, body);
  const createFrom = async (name: string) => {
    const merchantOrderId = String(Math.floor(Math.random() * 1e9));
    const body = fill(fixture(name), { ORDER_ID: merchantOrderId, EXPIRATION: phpDate(1) });
    return { merchantOrderId, res: await api('POST', '/billing/api/order/order', body) };
  };

  it('checkAuth without a User-Agent', async () => {
    const res = await api('GET', '/security/api/auth/auth');
    expect(res.status).toBe(200);
    expect(res.json.data.userId).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('a wrong token is 401 with the code the SDK turns into its Unauthorized exception', async () => {
    const res = await rawRequest(`${sandbox.url}/v3/security/api/auth/auth`, 'GET', {
      ...HEADERS,
      Authorization: 'Bearer 00000000000000000000000000000000',
    });
    expect(res.status).toBe(401);
    expect(res.json).toEqual({ error: { message: 'Unauthorized', code: 'unauthorized', fields: [] } });
  });

  it('createOrder with a PrivateCustomer and the returnUr key is created; the unknown key is ignored', async () => {
    const { merchantOrderId, res } = await createFrom('create-order-private.json');
    expect(res.status).toBe(200);
    const order = res.json.data;
    expect(order).toMatchObject({
      status: 'created',
      merchantOrderId,
      amount: 1000,
      vatAmount: 0,
      description: 'Проездной билет',
      customer: { type: 'private', name: 'Пётр', phone: '79001112233', email: 'peter@example.com' },
      successUrl: 'https://shop.example/order/success',
    });
    expect(order.paymentUrl).toBe(`${sandbox.url}/order/${order.orderContainerId}`);
    expect(order).not.toHaveProperty('returnUr');
    expect(order).not.toHaveProperty('returnUrl');
    // Stored in UTC like Invoicebox, whatever offset the shop's server wrote.
    expect(order.expirationDate).toMatch(/\+00:00$/);
  });

  it('createOrder with a LegalCustomer, KPP, settings and an int shopId is created', async () => {
    const { res } = await createFrom('create-order-legal.json');
    expect(res.status).toBe(200);
    expect(res.json.data).toMatchObject({
      status: 'created',
      amount: 1483.8,
      vatAmount: 247.3,
      shopId: 333,
      customer: { type: 'legal', taxRegistrationReasonCode: '504701001', vatNumber: '7804445210' },
      orderSetting: { roundPolicy: 'strict', disableValidate: false },
      invoiceSetting: { customerLocked: true },
    });
    expect(res.json.data.paymentUrl).toBeTruthy();
  });

  it('findOrderByFilter: addEqual and addInCondition (status[0]=…&status[1]=…)', async () => {
    const { res } = await createFrom('create-order-private.json');
    const id = res.json.data.id as string;
    const byId = await api('GET', `/filter/api/order/order?id=${id}`);
    expect(byId.status).toBe(200);
    expect(byId.json.data.map((o: { id: string }) => o.id)).toEqual([id]);
    const query = new URLSearchParams({ id, 'status[0]': 'created', 'status[1]': 'completed' });
    const byStatus = await api('GET', `/filter/api/order/order?${query}`);
    expect(byStatus.status).toBe(200);
    expect(byStatus.json.metaData.totalCount).toBe(1);
  });

  it('deleteOrder: DELETE with Content-Type and no body', async () => {
    const { res } = await createFrom('create-order-private.json');
    const deleted = await api('DELETE', `/billing/api/order/order/${res.json.data.id}`);
    expect(deleted.status).toBe(200);
    expect(deleted.json.data.status).toBe('canceled');
  });

  it('findAvailableRefundBasketItems and createRefundOrder, the PHP SDK way', async () => {
    const { res } = await createFrom('create-order-legal.json');
    const parentId = res.json.data.id as string;
    await control(sandbox.url, 'POST', `/_sandbox/orders/${parentId}/pay`, {});
    const basket = await api('GET', `/billing/api/order/order/${parentId}/refund-basket-item`);
    expect(basket.status).toBe(200);
    expect(basket.json.data.map((i: { sku: string }) => i.sku)).toEqual(['5fe0adcfa7fb4', 'breakfast']);

    const refundId = randomUUID();
    const body = fill(fixture('create-refund-order.json'), { PARENT_ID: parentId, REFUND_ID: refundId });
    const refund = await api('POST', '/billing/api/order/refund-order', body);
    expect(refund.status).toBe(200);
    expect(Object.keys(refund.json.data)).toEqual(REFUND_ORDER_FIELDS);
    expect(refund.json.data).toMatchObject({ parentId, merchantOrderId: refundId, status: 'created' });
    const after = await api('GET', `/billing/api/order/order/${parentId}/refund-basket-item`);
    const breakfast = after.json.data.find((i: { sku: string }) => i.sku === 'breakfast');
    expect(breakfast.availableAmount).toBe(555.96);
    const again = await api('POST', '/billing/api/order/refund-order', body);
    expect(again.status).toBe(422);
    expect(again.json.error.code).toBe('merchant_order_id_duplicate');
  });

  it('an UpdateOrderRequest the SDK serialises as a JSON list is refused as a validation error, not a 500', async () => {
    const { res } = await createFrom('create-order-private.json');
    const update = await api('PUT', `/billing/api/order/order/${res.json.data.id}`, '["Новое описание"]');
    expect(update.status).toBe(422);
    expect(update.json.error.code).toBe('validation');
  });
});
