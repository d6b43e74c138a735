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
export const orderStatusSchema = z.enum(ORDER_STATUSES);
export type OrderStatus = z.infer<typeof orderStatusSchema>;
/**
 * Status as read from responses and notifications: any string, typed so editors still offer the known values.
 * A signed notification with a status we have never seen must still reach the shop's handler, not fail parsing.
 */
export const responseOrderStatusSchema = z.string() as unknown as z.ZodType<OrderStatus | (string & {})>;
export type CanonicalOrderStatus = Exclude<OrderStatus, 'success' | 'cancelled'>;

/** Folds the variants onto the documented spelling: 'success' means paid ('completed'), 'cancelled' -> 'canceled'. */
export function normalizeOrderStatus(status: OrderStatus): CanonicalOrderStatus;
export function normalizeOrderStatus(status: string): string;
export function normalizeOrderStatus(status: string): string {
  if (status === 'success') return 'completed';
  if (status === 'cancelled') return 'canceled';
  return status;
}

export const vatCodeSchema = z.enum(VAT_CODES);

/**
 * A response field with a known set of values that Invoicebox keeps extending (the 2026 VAT codes, `NONE` from the
 * Bitrix module, new statuses): any string is kept as it is, typed so editors still offer the known values. One
 * unfamiliar code must not make a whole page of orders unreadable. Requests keep the strict enums.
 */
export function tolerantEnum<const T extends readonly string[]>(_known: T) {
  return z.string() as unknown as z.ZodType<T[number] | (string & {})>;
}

export const responseVatCodeSchema = tolerantEnum(VAT_CODES);

/** `service` / `commodity`, or a numeric payment-subject code of fiscal tag 1212 (1..33). */
export const itemTypeSchema = z.union([z.enum(['service', 'commodity']), z.int().min(1).max(33)]);
export type ItemType = z.infer<typeof itemTypeSchema>;
/** `type` as read from responses: a known kind, any other string, or any numeric code. */
export const responseItemTypeSchema = z.union([z.string(), z.number()]) as unknown as z.ZodType<
  ItemType | (string & {})
>;

export const PAYMENT_TYPES = ['full_prepayment', 'prepayment', 'advance', 'full_payment'] as const;
export const paymentTypeSchema = z.enum(PAYMENT_TYPES);
export type PaymentType = z.infer<typeof paymentTypeSchema>;
export const responsePaymentTypeSchema = tolerantEnum(PAYMENT_TYPES);

export const CURRENCIES = ['RUB', 'USD', 'EUR', 'GBP', 'CNY', 'UZS'] as const;
export const currencySchema = z.enum(CURRENCIES);
export type Currency = z.infer<typeof currencySchema>;
export const responseCurrencySchema = tolerantEnum(CURRENCIES);

export const LANGUAGES = ['ru', 'en'] as const;
export const languageSchema = z.enum(LANGUAGES);
export type Language = z.infer<typeof languageSchema>;

export const CUSTOMER_TYPES = ['private', 'legal'] as const;
export const customerTypeSchema = z.enum(CUSTOMER_TYPES);
export type CustomerType = z.infer<typeof customerTypeSchema>;
export const responseCustomerTypeSchema = tolerantEnum(CUSTOMER_TYPES);

export const REFUND_STATUSES = ['draft', 'created', 'completed', 'canceled'] as const;
export const refundStatusSchema = z.enum(REFUND_STATUSES);
export type RefundStatus = z.infer<typeof refundStatusSchema>;
export const responseRefundStatusSchema = z.string() as unknown as z.ZodType<RefundStatus | (string & {})>;

export const SHIPMENT_STATUSES = ['draft', 'pending', 'completed', 'canceled'] as const;
export const shipmentStatusSchema = z.enum(SHIPMENT_STATUSES);
export type ShipmentStatus = z.infer<typeof shipmentStatusSchema>;
export const responseShipmentStatusSchema = tolerantEnum(SHIPMENT_STATUSES);

export const ROUND_POLICIES = ['strict', 'none', 'floor', 'ceil', 'halfUp', 'halfDown'] as const;
export const roundPolicySchema = z.enum(ROUND_POLICIES);
