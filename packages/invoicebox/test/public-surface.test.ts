import { expect, it } from 'vitest';
import * as api from '../src/index.js';

// The runtime names promised in /work/coord/contracts.md §1; other workspaces import exactly these.
const CONTRACT = [
  'toKopecks',
  'fromKopecks',
  'formatRub',
  'InvoiceboxMoneyError',
  'VAT_CODES',
  'vatRate',
  'vatLabel',
  'buildBasket',
  'toBasketItems',
  'validateBasket',
  'assertValidBasket',
  'InvoiceboxBasketError',
  'isValidInn',
  'KPP_PATTERN',
  'DEMO_SHOP',
  'createOrderRequestSchema',
  'updateOrderRequestSchema',
  'orderSchema',
  'basketItemSchema',
  'customerSchema',
  'invoiceSettingSchema',
  'orderSettingSchema',
  'dataEnvelope',
  'listEnvelope',
  'errorEnvelopeSchema',
  'refundableItemSchema',
  'createRefundRequestSchema',
  'refundSchema',
  'createShipmentRequestSchema',
  'shipmentSchema',
  'orderNotificationSchema',
  'orderStatusSchema',
  'ORDER_STATUSES',
  'normalizeOrderStatus',
  'vatCodeSchema',
  'itemTypeSchema',
  'paymentTypeSchema',
  'currencySchema',
  'languageSchema',
  'customerTypeSchema',
  'refundStatusSchema',
  'OKEI_UNITS',
  'createInvoiceboxClient',
  'InvoiceboxError',
  'InvoiceboxApiError',
  'InvoiceboxAuthError',
  'InvoiceboxRateLimitError',
  'InvoiceboxNetworkError',
  'InvoiceboxUnknownResultError',
  'verifyNotification',
  'InvoiceboxSignatureError',
  'signNotification',
  'serializeInvoiceboxJson',
  'notificationReply',
  'NOTIFICATION_ERROR_CODES',
  'MONITORING_PROBE_ORDER_ID',
  'isMonitoringProbe',
  'NOTIFICATION_SIGNATURE_ALGORITHMS',
  'InvoiceboxNotFoundError',
  'InvoiceboxOrderStatusError',
  'InvoiceboxRefundWithFeeError',
  'InvoiceboxResponseError',
  'InvoiceboxRequestError',
  'counterpartySchema',
  'refundableItemResponseSchema',
];

// Client calls other workspaces rely on.
const CLIENT_CALLS = [
  'checkAuth',
  'createOrder',
  'getOrder',
  'findOrders',
  'updateOrder',
  'cancelOrder',
  'releaseHold',
  'getRefundableItems',
  'createRefund',
  'findRefunds',
  'createCorrectionOrder',
  'refundWithFee',
  'createShipment',
  'listShipments',
  'findCounterparties',
];

it('the client offers every call', () => {
  const client = api.createInvoiceboxClient({ baseUrl: 'http://127.0.0.1:1', token: 't' });
  expect(
    CLIENT_CALLS.filter((name) => typeof (client as Record<string, unknown>)[name] !== 'function'),
  ).toEqual([]);
});

it('exports everything the contract promises, and the placeholder is gone', () => {
  const missing = CONTRACT.filter((name) => !(name in api));
  expect(missing).toEqual([]);
  expect('probe' in api).toBe(false);
});

it('every client error is an InvoiceboxError', () => {
  const errors = [
    new api.InvoiceboxApiError('x', { status: 422, code: 'c', requestId: null, method: 'GET', path: '/' }),
    new api.InvoiceboxAuthError('x', { status: 401, code: 'unauthorized', requestId: null }),
    new api.InvoiceboxRateLimitError('x', { retryAfterMs: null, requestId: null }),
    new api.InvoiceboxNetworkError('x', { timeout: true }),
    new api.InvoiceboxUnknownResultError('x', { method: 'POST', path: '/', status: null, requestId: null }),
    new api.InvoiceboxSignatureError('signature_missing', 'x'),
    new api.InvoiceboxBasketError([]),
  ];
  for (const error of errors) expect(error).toBeInstanceOf(api.InvoiceboxError);
  expect(new api.InvoiceboxMoneyError('x')).toBeInstanceOf(RangeError);
});
