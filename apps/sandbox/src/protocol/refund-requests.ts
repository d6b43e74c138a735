import { z } from 'zod';
import { basketSchema } from './basket-item.js';
import { amountSchema, textSchema } from './wire-values.js';

/** `POST /v3/billing/api/order/refund-order` (docs §5.9). */
export const createRefundRequestSchema = z.object({
  parentId: textSchema(36, 1),
  merchantOrderId: textSchema(100, 1),
  amount: amountSchema,
  vatAmount: amountSchema,
  basketItems: basketSchema,
  description: textSchema(1000, 1),
  status: z.enum(['draft', 'created']).optional(),
});

export type CreateRefundRequest = z.infer<typeof createRefundRequestSchema>;
