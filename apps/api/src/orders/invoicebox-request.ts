import { type CreateOrderRequest, fromKopecks, toBasketItems } from '@checkout/invoicebox';
import type { ApiConfig } from '../deps.js';
import { basketFromLines } from './basket-from-lines.js';
import type { OrderRow } from './load-order.js';

/** Invoicebox wants ATOM dates: 2026-11-30T07:00:00+00:00. */
export const atomDate = (date: Date) => `${date.toISOString().slice(0, 19)}+00:00`;

export function orderPageUrl(config: ApiConfig, orderId: string, result: 'success' | 'fail' | 'return') {
  return `${config.storefrontUrl}/orders/${orderId}?result=${result}`;
}

/** What the request needs of an order: a stored row, or one just saved. */
export type OrderForRequest = Pick<
  OrderRow,
  | 'id'
  | 'number'
  | 'customerType'
  | 'customerName'
  | 'customerEmail'
  | 'customerPhone'
  | 'customerVatNumber'
  | 'customerKpp'
  | 'customerRegistrationAddress'
  | 'expiresAt'
>;

/** The stored order's payer in Invoicebox's Customer terms (KPP is its taxRegistrationReasonCode). */
export const payerOf = (
  order: Pick<
    OrderForRequest,
    'customerType' | 'customerName' | 'customerEmail' | 'customerPhone' | 'customerVatNumber' | 'customerKpp'
  >,
) => ({
  type: order.customerType as 'private' | 'legal',
  name: order.customerName,
  email: order.customerEmail,
  phone: order.customerPhone,
  ...(order.customerVatNumber ? { vatNumber: order.customerVatNumber } : {}),
  ...(order.customerKpp ? { taxRegistrationReasonCode: order.customerKpp } : {}),
});

/** Our stored order as Invoicebox's CreateOrderRequest (money converted to roubles only here). */
export function buildCreateOrderRequest(
  config: ApiConfig,
  order: OrderForRequest,
  lines: Parameters<typeof basketFromLines>[0],
): CreateOrderRequest {
  const basket = basketFromLines(lines);
  const customer = {
    ...payerOf(order),
    ...(order.customerRegistrationAddress ? { registrationAddress: order.customerRegistrationAddress } : {}),
  };
  return {
    merchantId: config.merchantId,
    merchantOrderId: order.id,
    merchantOrderIdVisible: String(order.number),
    description: `Заказ № ${order.number}`,
    amount: fromKopecks(basket.amount),
    vatAmount: fromKopecks(basket.vatAmount),
    currencyId: 'RUB',
    languageId: 'ru',
    expirationDate: atomDate(order.expiresAt ?? new Date(Date.now() + config.orderTtlMs)),
    basketItems: toBasketItems(basket.lines),
    customer,
    ...(config.webhookNotifications ? { notificationUrl: `${config.publicApiUrl}/webhooks/invoicebox` } : {}),
    successUrl: orderPageUrl(config, order.id, 'success'),
    failUrl: orderPageUrl(config, order.id, 'fail'),
    returnUrl: orderPageUrl(config, order.id, 'return'),
  } as CreateOrderRequest;
}
