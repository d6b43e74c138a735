import { z } from 'zod';
import { basketItemResponseSchema } from './basket-item.js';
import { customerResponseSchema } from './customer.js';
import { responseOrderStatusSchema } from './enums.js';
import { invoiceSettingSchema, orderSettingSchema } from './settings.js';

/**
 * An order as Invoicebox returns it. Loose: unknown fields are kept, and only what a shop relies on is required,
 * because real responses vary (`fileIds` is `[]` or `{}`, `shopId` is a number or a UUID).
 */
export const orderSchema = z.looseObject({
  id: z.string(),
  status: responseOrderStatusSchema,
  merchantId: z.string(),
  merchantOrderId: z.string(),
  merchantOrderIdVisible: z.string().optional(),
  description: z.string().optional(),
  amount: z.number(),
  vatAmount: z.number(),
  currencyId: z.string(),
  languageId: z.string().optional(),
  basketItems: z.array(basketItemResponseSchema),
  orderContainerId: z.string().optional(),
  subtype: z.string().optional(),
  processingStatus: z.string().optional(),
  createdAt: z.string(),
  expirationDate: z.string().optional(),
  paidAt: z.string().nullish(),
  paymentUrl: z.string(),
  customer: customerResponseSchema.optional(),
  invoiceSetting: invoiceSettingSchema.loose().optional(),
  orderSetting: orderSettingSchema.loose().optional(),
  notificationUrl: z.string().optional(),
  successUrl: z.string().optional(),
  failUrl: z.string().optional(),
  returnUrl: z.string().optional(),
  parentId: z.string().nullish(),
  processable: z.boolean().optional(),
});
export type Order = z.infer<typeof orderSchema>;
