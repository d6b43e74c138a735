import { z } from 'zod';
import { basketItemResponseSchema, basketItemSchema } from './basket-item.js';
import { responseShipmentStatusSchema } from './enums.js';
import { plainDateSchema, responseNumberSchema } from './primitives.js';

/**
 * Body of `POST /v3/billing/api/order/shipment` (goods shipped / service rendered). `final: true` (Invoicebox's MCP
 * client) closes the order: on a held (pre-authorised) payment it captures the shipped part and releases the rest.
 */
export const createShipmentRequestSchema = z.strictObject({
  orderId: z.string().min(1).max(36),
  documentNumber: z.string().max(36).optional(),
  documentDate: plainDateSchema.optional(),
  basketItems: z.array(basketItemSchema).min(1),
  final: z.boolean().optional(),
});
/** Body of a shipment: goods shipped or service rendered, optionally closing (capturing) a held order. */
export type CreateShipmentRequest = z.infer<typeof createShipmentRequestSchema>;

/** A shipment as Invoicebox returns it: `id` is an integer in the docs' example, a string elsewhere. */
export const shipmentSchema = z.looseObject({
  id: z.union([z.int(), z.string()]),
  orderId: z.string(),
  merchantId: z.string().nullish(),
  status: responseShipmentStatusSchema.nullish(),
  type: z.string().nullish(),
  final: z.boolean().nullish(),
  amount: responseNumberSchema.optional(),
  vatAmount: responseNumberSchema.optional(),
  documentNumber: z.string().nullish(),
  documentDate: z.string().nullish(),
  createdAt: z.string().nullish(),
  basketItems: z.array(basketItemResponseSchema).optional(),
});
/** A shipment as Invoicebox returns it. */
export type Shipment = z.infer<typeof shipmentSchema>;
