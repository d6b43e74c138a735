import { z } from 'zod';
import { basketSchema } from './basket-item.js';
import { plainDateSchema, textSchema } from './wire-values.js';

/** `POST /v3/billing/api/order/shipment` (docs §5.8; `final` from Invoicebox's MCP client). */
export const createShipmentRequestSchema = z.object({
  orderId: textSchema(36, 1),
  documentNumber: textSchema(36).optional(),
  documentDate: plainDateSchema.optional(),
  basketItems: basketSchema,
  final: z.boolean().optional(),
});

export type CreateShipmentRequest = z.infer<typeof createShipmentRequestSchema>;
