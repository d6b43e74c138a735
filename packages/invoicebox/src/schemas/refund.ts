import { z } from 'zod';
import { basketItemResponseSchema, basketItemSchema } from './basket-item.js';
import { responseCurrencySchema, responseRefundStatusSchema } from './enums.js';
import { moneySchema, responseNumberSchema } from './primitives.js';

/**
 * A row of `GET .../order/{id}/refund-basket-item` as Invoicebox may send it: the basket line, with or without
 * `availableAmount` (Invoicebox's MCP client reads it; the PHP SDK's fixture has none).
 */
export const refundableItemResponseSchema = basketItemResponseSchema.extend({
  availableAmount: responseNumberSchema.optional(),
  availableVatAmount: responseNumberSchema.optional(),
});
/** A row of the refundable-items answer as Invoicebox sends it; `availableAmount` may be missing. */
export type RefundableItemResponse = z.infer<typeof refundableItemResponseSchema>;

/**
 * A refundable line as the client returns it: always with what is left to refund (`availableAmount`, roubles) and
 * its VAT share (`availableVatAmount`), computed by the client when Invoicebox's row lacks them.
 */
export const refundableItemSchema = basketItemResponseSchema.extend({
  availableAmount: responseNumberSchema,
  availableVatAmount: responseNumberSchema,
});
/** A refundable line with what is left to refund (roubles), as getRefundableItems returns it. */
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
/** Body of a refund creation; amounts in roubles. */
export type CreateRefundRequest = z.infer<typeof createRefundRequestSchema>;

/** A refund ("return order") as Invoicebox returns it; unknown statuses and currencies are kept as strings. */
export const refundSchema = z.looseObject({
  id: z.string(),
  parentId: z.string(),
  merchantOrderId: z.string(),
  merchantId: z.string().nullish(),
  description: z.string().nullish(),
  amount: responseNumberSchema,
  vatAmount: responseNumberSchema,
  currencyId: responseCurrencySchema.nullish(),
  basketItems: z.array(basketItemResponseSchema).default([]),
  createdAt: z.string().nullish(),
  status: responseRefundStatusSchema,
});
/** A refund order as Invoicebox returns it; amounts in roubles. */
export type Refund = z.infer<typeof refundSchema>;
