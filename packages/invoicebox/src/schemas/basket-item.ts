import { z } from 'zod';
import {
  itemTypeSchema,
  paymentTypeSchema,
  responseItemTypeSchema,
  responsePaymentTypeSchema,
  responseVatCodeSchema,
  vatCodeSchema,
} from './enums.js';
import {
  metaDataSchema,
  moneySchema,
  plainDateSchema,
  quantitySchema,
  responseNumberSchema,
} from './primitives.js';

const requestShape = {
  sku: z.string().min(1).max(500),
  name: z.string().min(1).max(500),
  groupName: z.string().max(500).optional(),
  measure: z.string().min(1).max(10),
  measureCode: z.string().min(1).max(4),
  originCountry: z.string().max(20).optional(),
  originCountryCode: z.string().max(4).optional(),
  grossWeight: z.number().nonnegative().optional(),
  netWeight: z.number().nonnegative().optional(),
  quantity: quantitySchema,
  amount: moneySchema,
  amountWoVat: moneySchema,
  totalAmount: moneySchema,
  totalVatAmount: moneySchema,
  excise: moneySchema.optional(),
  vatCode: vatCodeSchema,
  type: itemTypeSchema,
  serviceDate: plainDateSchema.optional(),
  paymentType: paymentTypeSchema,
  categoryType: z.enum(['merchantHonestSignMap', 'honestSign']).optional(),
  category: z.string().max(20).optional(),
  metaData: metaDataSchema.optional(),
};

/** A basket line as we send it (roubles). Strict: a typo in a field name is an error, not a silently dropped field. */
export const basketItemSchema = z.strictObject(requestShape);
/** A basket line to send, amounts in roubles (convert from kopecks with toBasketItems or fromKopecks). */
export type BasketItem = z.infer<typeof basketItemSchema>;

/**
 * A basket line as Invoicebox returns it: unknown fields kept, limits not re-checked, amounts as numbers or numeric
 * strings (normalised to numbers), unknown `vatCode` / `type` / `paymentType` values kept as strings. Only what a
 * shop needs to read a line (and to refund it) is required.
 */
export const basketItemResponseSchema = z.looseObject({
  sku: z.string(),
  name: z.string(),
  measure: z.string().optional(),
  measureCode: z.string().optional(),
  quantity: responseNumberSchema,
  amount: responseNumberSchema,
  amountWoVat: responseNumberSchema.optional(),
  totalAmount: responseNumberSchema,
  totalVatAmount: responseNumberSchema,
  vatCode: responseVatCodeSchema,
  type: responseItemTypeSchema.optional(),
  paymentType: responsePaymentTypeSchema.optional(),
});
/** A basket line as Invoicebox returns it, amounts in roubles; unknown codes kept as strings. */
export type BasketItemResponse = z.infer<typeof basketItemResponseSchema>;
