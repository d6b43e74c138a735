import { z } from 'zod';
import { VAT_CODES } from '../vat.js';

/** Every order status seen in docs, SDKs and modules, including the odd spellings real notifications use. */
export const ORDER_STATUSES = [
  'created',
  'completed',
  'expired',
  'canceled',
  'cancelled',
  'hold',
  'draft',
  'processing',
  'processing-error',
  'failed',
  'success',
] as const;
/** Strict order status, for values we send or compare against. */
export const orderStatusSchema = z.enum(ORDER_STATUSES);
/** Any order status spelling Invoicebox is known to use; see normalizeOrderStatus for the canonical set. */
export type OrderStatus = z.infer<typeof orderStatusSchema>;
/**
 * Status as read from responses and notifications: any string, typed so editors still offer the known values.
 * A signed notification with a status we have never seen must still reach the shop's handler, not fail parsing.
 */
export const responseOrderStatusSchema = z.string() as unknown as z.ZodType<OrderStatus | (string & {})>;
/** Order status with the `success` / `cancelled` variants folded onto `completed` / `canceled`. */
export type CanonicalOrderStatus = Exclude<OrderStatus, 'success' | 'cancelled'>;

/** Folds the variants onto the documented spelling: 'success' means paid ('completed'), 'cancelled' -> 'canceled'. */
export function normalizeOrderStatus(status: OrderStatus): CanonicalOrderStatus;
export function normalizeOrderStatus(status: string): string;
export function normalizeOrderStatus(status: string): string {
  if (status === 'success') return 'completed';
  if (status === 'cancelled') return 'canceled';
  return status;
}

/** Strict VAT code, for requests: Invoicebox rejects unknown codes, so we refuse them before sending. */
export const vatCodeSchema = z.enum(VAT_CODES);

/**
 * A response field with a known set of values that Invoicebox keeps extending (the 2026 VAT codes, `NONE` from the
 * Bitrix module, new statuses): any string is kept as it is, typed so editors still offer the known values. One
 * unfamiliar code must not make a whole page of orders unreadable. Requests keep the strict enums.
 */
export function tolerantEnum<const T extends readonly string[]>(_known: T) {
  return z.string() as unknown as z.ZodType<T[number] | (string & {})>;
}

/** VAT code as read from responses: tolerant, so a code added after this SDK was built does not break parsing. */
export const responseVatCodeSchema = tolerantEnum(VAT_CODES);

/** `service` / `commodity`, or a numeric payment-subject code of fiscal tag 1212 (1..33). */
export const itemTypeSchema = z.union([z.enum(['service', 'commodity']), z.int().min(1).max(33)]);
/** Line kind: `service`, `commodity`, or a payment-subject code of fiscal tag 1212. */
export type ItemType = z.infer<typeof itemTypeSchema>;
/** `type` as read from responses: a known kind, any other string, or any numeric code. */
export const responseItemTypeSchema = z.union([z.string(), z.number()]) as unknown as z.ZodType<
  ItemType | (string & {})
>;

/** `paymentType` of a basket line: the payment-method attribute (fiscal tag 1214) printed on the receipt. */
export const PAYMENT_TYPES = ['full_prepayment', 'prepayment', 'advance', 'full_payment'] as const;
/** Strict `paymentType`, for requests. */
export const paymentTypeSchema = z.enum(PAYMENT_TYPES);
/** A `paymentType` Invoicebox accepts in requests. */
export type PaymentType = z.infer<typeof paymentTypeSchema>;
/** `paymentType` as read from responses: tolerant of values added later. */
export const responsePaymentTypeSchema = tolerantEnum(PAYMENT_TYPES);

/** ISO 4217 codes Invoicebox accepts for `currencyId`; amounts are in that currency's major units on the wire. */
export const CURRENCIES = ['RUB', 'USD', 'EUR', 'GBP', 'CNY', 'UZS'] as const;
/** Strict `currencyId`, for requests. */
export const currencySchema = z.enum(CURRENCIES);
/** A `currencyId` Invoicebox accepts in requests. */
export type Currency = z.infer<typeof currencySchema>;
/** `currencyId` as read from responses: tolerant of currencies added later. */
export const responseCurrencySchema = tolerantEnum(CURRENCIES);

/** Languages of the Invoicebox payment page (`languageId`). */
export const LANGUAGES = ['ru', 'en'] as const;
/** Strict `languageId`, for requests. */
export const languageSchema = z.enum(LANGUAGES);
/** Payment-page language. */
export type Language = z.infer<typeof languageSchema>;

/** Customer kinds: an individual (`private`) or a company or sole proprietor (`legal`, which needs `vatNumber` = INN). */
export const CUSTOMER_TYPES = ['private', 'legal'] as const;
/** Strict `customer.type`, for requests. */
export const customerTypeSchema = z.enum(CUSTOMER_TYPES);
/** A `customer.type` Invoicebox accepts in requests. */
export type CustomerType = z.infer<typeof customerTypeSchema>;
/** `customer.type` as read from responses: tolerant of kinds added later. */
export const responseCustomerTypeSchema = tolerantEnum(CUSTOMER_TYPES);

/** Refund statuses documented for API v3 refund orders. */
export const REFUND_STATUSES = ['draft', 'created', 'completed', 'canceled'] as const;
/** Strict refund status, for values we compare against. */
export const refundStatusSchema = z.enum(REFUND_STATUSES);
/** A documented refund status. */
export type RefundStatus = z.infer<typeof refundStatusSchema>;
/** Refund status as read from responses: any string, so an undocumented status does not break parsing. */
export const responseRefundStatusSchema = z.string() as unknown as z.ZodType<RefundStatus | (string & {})>;

/** Shipment (goods shipped / service rendered) statuses documented for API v3. */
export const SHIPMENT_STATUSES = ['draft', 'pending', 'completed', 'canceled'] as const;
/** Strict shipment status, for values we compare against. */
export const shipmentStatusSchema = z.enum(SHIPMENT_STATUSES);
/** A documented shipment status. */
export type ShipmentStatus = z.infer<typeof shipmentStatusSchema>;
/** Shipment status as read from responses: tolerant of statuses added later. */
export const responseShipmentStatusSchema = tolerantEnum(SHIPMENT_STATUSES);

/** `orderSetting.roundPolicy` values: how Invoicebox rounds amount × quantity when it checks a line total. */
export const ROUND_POLICIES = ['strict', 'none', 'floor', 'ceil', 'halfUp', 'halfDown'] as const;
/** Strict `orderSetting.roundPolicy`, for requests. */
export const roundPolicySchema = z.enum(ROUND_POLICIES);
