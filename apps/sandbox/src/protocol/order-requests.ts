import { z } from 'zod';
import { basketSchema } from './basket-item.js';
import { customerSchema } from './customer.js';
import { CURRENCIES, LANGUAGES } from './enums.js';
import { invoiceSettingSchema, orderSettingSchema } from './settings.js';
import { amountSchema, dateTimeSchema, jsonObjectSchema, textSchema } from './wire-values.js';

// URLs are free text up to 1000 characters: Bitrix sends "" for every URL the shop left unset.
const url = textSchema(1000);

/** `POST /v3/billing/api/order/order` (docs §5.1). Unknown keys (the PHP SDK's `returnUr`) are ignored. */
export const createOrderRequestSchema = z.object({
  description: textSchema(1000, 1),
  merchantId: textSchema(36, 1),
  merchantOrderId: textSchema(256, 1),
  merchantOrderIdVisible: textSchema(256).optional(),
  amount: amountSchema,
  vatAmount: amountSchema,
  currencyId: z.enum(CURRENCIES),
  languageId: z.enum(LANGUAGES).optional(),
  expirationDate: dateTimeSchema,
  basketItems: basketSchema,
  metaData: jsonObjectSchema.optional(),
  customer: customerSchema,
  notificationUrl: url.optional(),
  successUrl: url.optional(),
  failUrl: url.optional(),
  returnUrl: url.optional(),
  invoiceSetting: invoiceSettingSchema.optional(),
  orderSetting: orderSettingSchema.optional(),
  parentId: textSchema(36).optional(),
  orderContainerId: textSchema(36).optional(),
  // Docs: a UUID string; the PHP SDK types it as an int (and a fixture answers 333): both are kept as sent.
  shopId: z.union([z.string().max(36), z.int()]).optional(),
  userAccountId: textSchema(36).optional(),
  processable: z.boolean().optional(),
});

export type CreateOrderRequest = z.infer<typeof createOrderRequestSchema>;

/** `PUT /v3/billing/api/order/order/{id}` (docs §5.4): every field optional. */
export const updateOrderRequestSchema = z.object({
  description: textSchema(1000, 1).optional(),
  amount: amountSchema.optional(),
  vatAmount: amountSchema.optional(),
  expirationDate: dateTimeSchema.optional(),
  basketItems: basketSchema.optional(),
  metaData: jsonObjectSchema.optional(),
  customer: customerSchema.optional(),
  shopId: z.union([z.string().max(36), z.int()]).optional(),
});

export type UpdateOrderRequest = z.infer<typeof updateOrderRequestSchema>;
