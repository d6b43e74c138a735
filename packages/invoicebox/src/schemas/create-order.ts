import { z } from 'zod';
import { basketItemSchema } from './basket-item.js';
import { customerSchema } from './customer.js';
import { currencySchema, languageSchema } from './enums.js';
import { atomDateTimeSchema, metaDataSchema, moneySchema } from './primitives.js';
import { invoiceSettingSchema, orderSettingSchema } from './settings.js';

const urlSchema = z.url({ protocol: /^https?$/ }).max(1000);

/** Body of `POST /v3/billing/api/order/order`, limits from the API docs. */
export const createOrderRequestSchema = z.strictObject({
  description: z.string().min(1).max(1000),
  merchantId: z.string().min(1).max(36),
  merchantOrderId: z.string().min(1).max(256),
  merchantOrderIdVisible: z.string().max(256).optional(),
  amount: moneySchema,
  vatAmount: moneySchema,
  currencyId: currencySchema,
  languageId: languageSchema.optional(),
  expirationDate: atomDateTimeSchema,
  basketItems: z.array(basketItemSchema).min(1),
  metaData: metaDataSchema.optional(),
  customer: customerSchema,
  notificationUrl: urlSchema.optional(),
  successUrl: urlSchema.optional(),
  failUrl: urlSchema.optional(),
  returnUrl: urlSchema.optional(),
  invoiceSetting: invoiceSettingSchema.optional(),
  orderSetting: orderSettingSchema.optional(),
  parentId: z.string().max(36).optional(),
  orderContainerId: z.string().max(36).optional(),
  shopId: z.union([z.string().max(36), z.int()]).optional(),
  userAccountId: z.string().max(36).optional(),
  processable: z.boolean().optional(),
});
/** Body of an order creation; amounts in roubles, validated by createOrderRequestSchema before sending. */
export type CreateOrderRequest = z.infer<typeof createOrderRequestSchema>;

/** Body of `PUT /v3/billing/api/order/order/{id}` (unpaid orders only); every field optional. */
export const updateOrderRequestSchema = z.strictObject({
  description: z.string().min(1).max(1000).optional(),
  amount: moneySchema.optional(),
  vatAmount: moneySchema.optional(),
  expirationDate: atomDateTimeSchema.optional(),
  basketItems: z.array(basketItemSchema).min(1).optional(),
  metaData: metaDataSchema.optional(),
  customer: customerSchema.optional(),
  shopId: z.union([z.string().max(36), z.int()]).optional(),
});
/** Patch of an unpaid order; amounts in roubles. */
export type UpdateOrderRequest = z.infer<typeof updateOrderRequestSchema>;
