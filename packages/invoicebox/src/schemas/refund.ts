import { z } from 'zod';
import { basketItemResponseSchema, basketItemSchema } from './basket-item.js';
import { responseRefundStatusSchema } from './enums.js';
import { moneySchema } from './primitives.js';

/** A line of `GET .../order/{id}/refund-basket-item`: the basket line plus what is still refundable on it. */
export const refundableItemSchema = basketItemResponseSchema.extend({
  availableAmount: z.number(),
  availableVatAmount: z.number().optional(),
});
export type RefundableItem = z.infer<typeof refundableItemSchema>;

/** Body of `POST /v3/billing/api/order/refund-order`. `merchantOrderId` must be unique per refund. */
export const createRefundRequestSchema = z.strictObject({
  parentId: z.string().min(1).max(36),
  merchantOrderId: z.string().min(1).max(100),
  amount: moneySchema,
  vatAmount: moneySchema,
  basketItems: z.array(basketItemSchema).min(1),
  description: z.string().min(1).max(1000),
  status: z.enum(['draft', 'created']).optional(),
});
export type CreateRefundRequest = z.infer<typeof createRefundRequestSchema>;

export const refundSchema = z.looseObject({
  id: z.string(),
  parentId: z.string(),
  merchantOrderId: z.string(),
  merchantId: z.string().optional(),
  description: z.string().optional(),
  amount: z.number(),
  vatAmount: z.number(),
  currencyId: z.string().optional(),
  basketItems: z.array(basketItemResponseSchema),
  createdAt: z.string().optional(),
  status: responseRefundStatusSchema,
});
export type Refund = z.infer<typeof refundSchema>;
