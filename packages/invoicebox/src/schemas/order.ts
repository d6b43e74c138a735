import { z } from 'zod';
import { basketItemResponseSchema } from './basket-item.js';
import { customerResponseSchema } from './customer.js';
import { responseCurrencySchema, responseOrderStatusSchema } from './enums.js';
import { responseNumberSchema } from './primitives.js';

/**
 * An order as Invoicebox returns it. Loose: unknown fields are kept, and only what the docs mark as always present
 * in an OrderResponse (id, status, paymentUrl, createdAt) plus what a shop matches on (merchantId, merchantOrderId,
 * amount, vatAmount, currencyId) is required, because real responses vary (`fileIds` is `[]` or `{}`, `shopId` is a
 * number or a UUID, settings come back with fields of their own). Amounts may be numeric strings; unknown statuses
 * and currencies are kept as strings.
 */
export const orderSchema = z.looseObject({
  id: z.string(),
  status: responseOrderStatusSchema,
  merchantId: z.string(),
  merchantOrderId: z.string(),
  merchantOrderIdVisible: z.string().nullish(),
  description: z.string().nullish(),
  amount: responseNumberSchema,
  vatAmount: responseNumberSchema,
  currencyId: responseCurrencySchema,
  languageId: z.string().nullish(),
  // Absent only on odd answers (e.g. a status-only echo); an empty basket then, rather than an unreadable order.
  basketItems: z.array(basketItemResponseSchema).default([]),
  orderContainerId: z.string().nullish(),
  subtype: z.string().nullish(),
  processingStatus: z.string().nullish(),
  createdAt: z.string(),
  expirationDate: z.string().nullish(),
  paidAt: z.string().nullish(),
  paymentUrl: z.string(),
  customer: customerResponseSchema.nullish(),
  invoiceSetting: z.looseObject({}).nullish(),
  orderSetting: z.looseObject({ roundPolicy: z.string().optional() }).nullish(),
  notificationUrl: z.string().nullish(),
  successUrl: z.string().nullish(),
  failUrl: z.string().nullish(),
  returnUrl: z.string().nullish(),
  parentId: z.string().nullish(),
  processable: z.boolean().optional(),
});
/** An order as Invoicebox returns it; amounts in roubles, unknown statuses kept as strings. */
export type Order = z.infer<typeof orderSchema>;
