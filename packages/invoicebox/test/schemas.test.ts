import { describe, expect, it } from 'vitest';
import {
  authInfoSchema,
  basketItemResponseSchema,
  createOrderRequestSchema,
  createRefundRequestSchema,
  dataEnvelope,
  errorEnvelopeSchema,
  itemTypeSchema,
  listEnvelope,
  normalizeOrderStatus,
  OKEI_UNITS,
  orderNotificationSchema,
  orderSchema,
  orderStatusSchema,
  refundableItemSchema,
  refundSchema,
  vatCodeSchema,
} from '../src/index.js';
import { docsCreateOrderRequest, fixtureBytes, fixtureJson, NOTIFICATION_BODY } from './fixtures.js';

describe('every SDK fixture parses with its schema', () => {
  const cases = [
    ['success-check-auth-response.json', dataEnvelope(authInfoSchema)],
    ['success-create-order-response.json', dataEnvelope(orderSchema)],
    ['success-create-refund-order.json', dataEnvelope(refundSchema)],
    ['success-delete-order-response.json', dataEnvelope(orderSchema)],
    ['success-get-basket-response.json', dataEnvelope(basketItemResponseSchema.array())],
    ['success-get-order-response.json', listEnvelope(orderSchema)],
    ['success-update-order-response.json', dataEnvelope(orderSchema)],
    ['wrong-amount-response.json', errorEnvelopeSchema],
    ['wrong-check-auth-response.json', errorEnvelopeSchema],
  ] as const;
  for (const [file, schema] of cases) {
    it(file, () => {
      const result = schema.safeParse(fixtureJson(file));
      expect(result.error?.issues).toBeUndefined();
    });
  }

  it('keeps unknown response fields and reads the details', () => {
    const list = listEnvelope(orderSchema).parse(fixtureJson('success-get-order-response.json'));
    expect(list.metaData).toMatchObject({ totalCount: 2, pageSize: 30, page: 1 });
    expect(list.data[0]?.basketItems[0]).toMatchObject({ grossWeight: 0, type: 'service' });
    expect(list.data[1]).toMatchObject({ successUrl: 'https://yandex.ru/', vatAmount: 10 });
    const created = dataEnvelope(orderSchema).parse(fixtureJson('success-create-order-response.json'));
    expect(created.data).toMatchObject({ shopId: 333, fileIds: [], processingStatus: '' });
    expect(created.extendedData).toEqual([]);
    const error = errorEnvelopeSchema.parse(fixtureJson('wrong-amount-response.json'));
    expect(error.error.fields?.[0]).toEqual({ name: 'amount', code: 'wrong_value', message: '' });
  });

  it('the payment notification parses, with the "success" status variant', () => {
    const notification = orderNotificationSchema.parse(
      JSON.parse(fixtureBytes(NOTIFICATION_BODY).toString('utf8')),
    );
    expect(notification.status).toBe('success');
    expect(normalizeOrderStatus(notification.status)).toBe('completed');
    expect(notification).toMatchObject({ merchantOrderIdVisible: '55626', processable: true });
  });
});

describe('enumerations', () => {
  // Every spelling seen in docs, SDKs and modules, and the documented status it means.
  it.each([
    ['created', 'created'],
    ['completed', 'completed'],
    ['success', 'completed'],
    ['expired', 'expired'],
    ['canceled', 'canceled'],
    ['cancelled', 'canceled'],
    ['hold', 'hold'],
    ['draft', 'draft'],
    ['processing', 'processing'],
    ['processing-error', 'processing-error'],
    ['failed', 'failed'],
  ])('accepts the status variant %s seen in the wild and normalises it to %s', (spelling, canonical) => {
    expect(orderStatusSchema.safeParse(spelling).success).toBe(true);
    expect(normalizeOrderStatus(spelling)).toBe(canonical);
  });

  it('rejects a status nobody uses in requests', () => {
    expect(orderStatusSchema.safeParse('paid').success).toBe(false);
  });

  it('responses and notifications tolerate a status nobody documented yet', () => {
    const order = (fixtureJson('success-create-order-response.json') as { data: object }).data;
    expect(orderSchema.parse({ ...order, status: 'partially-refunded' }).status).toBe('partially-refunded');
    const notification = JSON.parse(fixtureBytes(NOTIFICATION_BODY).toString('utf8'));
    expect(orderNotificationSchema.safeParse({ ...notification, status: 'new-status' }).success).toBe(true);
    expect(orderNotificationSchema.safeParse({ ...notification, status: 5 }).success).toBe(false);
  });

  it('knows VAT codes, item types and OKEI units', () => {
    expect(vatCodeSchema.safeParse('RUS_VAT22_ADDED').success).toBe(true);
    expect(vatCodeSchema.safeParse('NONE').success).toBe(false);
    expect(itemTypeSchema.safeParse(33).success).toBe(true);
    expect(itemTypeSchema.safeParse(34).success).toBe(false);
    expect(itemTypeSchema.safeParse('goods').success).toBe(false);
    expect(OKEI_UNITS['796']).toBe('шт');
    expect(OKEI_UNITS['166']).toBe('кг');
  });
});

describe('request schemas are strict', () => {
  const docsRequest = docsCreateOrderRequest();
  const [item] = docsRequest.basketItems;

  it('accepts the docs example', () => {
    expect(createOrderRequestSchema.safeParse(docsRequest).error?.issues).toBeUndefined();
  });

  it('rejects unknown keys, over-long strings, 3-decimal money and a bad date', () => {
    const issues = (body: unknown) =>
      createOrderRequestSchema.safeParse(body).error?.issues.map((i) => i.path.join('.'));
    expect(issues({ ...docsRequest, amout: 1 })).toEqual(['']);
    expect(issues({ ...docsRequest, description: 'x'.repeat(1001) })).toEqual(['description']);
    expect(issues({ ...docsRequest, basketItems: [{ ...item, totalAmount: 371.881 }] })).toEqual([
      'basketItems.0.totalAmount',
    ]);
    expect(issues({ ...docsRequest, basketItems: [{ ...item, sku: 'x'.repeat(501) }] })).toEqual([
      'basketItems.0.sku',
    ]);
    expect(issues({ ...docsRequest, expirationDate: '22.12.2020' })).toEqual(['expirationDate']);
    expect(issues({ ...docsRequest, customer: { kpp: '781001001' } })).toEqual(['customer']);
    expect(issues({ ...docsRequest, basketItems: [] })).toEqual(['basketItems']);
  });

  it('refund request limits merchantOrderId to 100 characters; refundable rows need availableAmount', () => {
    const refund = {
      parentId: 'p',
      merchantOrderId: 'r'.repeat(101),
      amount: 1,
      vatAmount: 0,
      basketItems: [item],
      description: 'x',
    };
    expect(createRefundRequestSchema.safeParse(refund).success).toBe(false);
    expect(createRefundRequestSchema.safeParse({ ...refund, merchantOrderId: 'r-1' }).success).toBe(true);
    expect(refundableItemSchema.safeParse(item).success).toBe(false);
    const row = { ...item, availableAmount: 123.96, availableVatAmount: '20.66' };
    expect(refundableItemSchema.parse(row)).toMatchObject({
      availableAmount: 123.96,
      availableVatAmount: 20.66,
    });
  });
});
