import { z } from 'zod';
import { responseOrderStatusSchema } from './enums.js';

/**
 * The JSON Invoicebox POSTs to the shop: the order (or, with `subtype: "refund"`, the refund order).
 * Deliberately shallow: it checks only what a handler acts on and keeps everything else as is. Basket lines and
 * customer are passed through unvalidated.
 */
export const orderNotificationSchema = z.looseObject({
  id: z.string(),
  status: responseOrderStatusSchema,
  merchantId: z.string(),
  merchantOrderId: z.string(),
  amount: z.number(),
  vatAmount: z.number().optional(),
  currencyId: z.string(),
  subtype: z.string().optional(),
  parentId: z.string().nullish(),
  paidAt: z.string().nullish(),
  createdAt: z.string().optional(),
  basketItems: z.array(z.unknown()).optional(),
});
/** A payment notification Invoicebox POSTs to the shop, after verifyNotification checked its signature; amounts in roubles. */
export type OrderNotification = z.infer<typeof orderNotificationSchema>;

const isString = (v: unknown) => typeof v === 'string';
const isFiniteNumber = (v: unknown) => typeof v === 'number' && Number.isFinite(v);
const optional = (v: unknown, check: (v: unknown) => boolean) => v === undefined || check(v);
const nullish = (v: unknown, check: (v: unknown) => boolean) => v === null || v === undefined || check(v);

/**
 * Same acceptance as orderNotificationSchema, written out by hand: verifying a notification should cost about what
 * HMAC + JSON.parse cost (see bench/), and zod's object walk was a fifth of that. A property test keeps the two equal.
 */
export function isOrderNotification(value: unknown): value is OrderNotification {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const n = value as Record<string, unknown>;
  return (
    isString(n.id) &&
    isString(n.status) &&
    isString(n.merchantId) &&
    isString(n.merchantOrderId) &&
    isFiniteNumber(n.amount) &&
    optional(n.vatAmount, isFiniteNumber) &&
    isString(n.currencyId) &&
    optional(n.subtype, isString) &&
    nullish(n.parentId, isString) &&
    nullish(n.paidAt, isString) &&
    optional(n.createdAt, isString) &&
    optional(n.basketItems, Array.isArray)
  );
}
