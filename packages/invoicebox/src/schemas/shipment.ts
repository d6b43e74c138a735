import { z } from 'zod';
import { basketItemResponseSchema, basketItemSchema } from './basket-item.js';
import { plainDateSchema } from './primitives.js';

/** Body of `POST /v3/billing/api/order/shipment` (goods shipped / service rendered). */
export const createShipmentRequestSchema = z.strictObject({
  orderId: z.string().min(1).max(36),
  documentNumber: z.string().max(36).optional(),
  documentDate: plainDateSchema.optional(),
  basketItems: z.array(basketItemSchema).min(1),
  final: z.boolean().optional(),
});
export type CreateShipmentRequest = z.infer<typeof createShipmentRequestSchema>;

export const shipmentSchema = z.looseObject({
  id: z.union([z.int(), z.string()]),
  orderId: z.string(),
  merchantId: z.string().optional(),
  status: z.string().optional(),
  basketItems: z.array(basketItemResponseSchema).optional(),
});
export type Shipment = z.infer<typeof shipmentSchema>;
