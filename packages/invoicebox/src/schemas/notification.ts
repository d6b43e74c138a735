import { z } from 'zod';
import { responseOrderStatusSchema } from './enums.js';

/**
 * The JSON Invoicebox POSTs to the shop: the order (or, with `subtype: "refund"`, the refund order).
 * Deliberately shallow: it checks only what a handler acts on, keeps everything else as is, and so costs little
 * next to the HMAC (see bench/). Basket lines and customer are passed through unvalidated.
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
export type OrderNotification = z.infer<typeof orderNotificationSchema>;
