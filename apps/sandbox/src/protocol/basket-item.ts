import { z } from 'zod';
import { itemTypeSchema, PAYMENT_TYPES } from './enums.js';
import { VAT_CODES } from './vat-codes.js';
import {
  amountSchema,
  jsonObjectSchema,
  measureNumberSchema,
  plainDateSchema,
  quantitySchema,
  textSchema,
} from './wire-values.js';

/**
 * A basket line (docs §5.1.2). Unknown keys are dropped, as Invoicebox ignores them (Bitrix adds a numeric
 * `vatRate` to every line).
 */
export const basketItemSchema = z.object({
  sku: textSchema(500, 1),
  name: textSchema(500, 1),
  groupName: textSchema(500).optional(),
  measure: textSchema(10, 1),
  measureCode: textSchema(4, 1),
  originCountry: textSchema(20).optional(),
  originCountryCode: textSchema(4).optional(),
  grossWeight: measureNumberSchema.optional(),
  netWeight: measureNumberSchema.optional(),
  quantity: quantitySchema,
  amount: amountSchema,
  amountWoVat: amountSchema,
  totalAmount: amountSchema,
  totalVatAmount: amountSchema,
  excise: amountSchema.optional(),
  vatCode: z.enum(VAT_CODES),
  type: itemTypeSchema,
  serviceDate: plainDateSchema.optional(),
  paymentType: z.enum(PAYMENT_TYPES),
  categoryType: z.enum(['merchantHonestSignMap', 'honestSign']).optional(),
  category: textSchema(20).optional(),
  metaData: jsonObjectSchema.optional(),
});

export type BasketItem = z.infer<typeof basketItemSchema>;

export const basketSchema = z.array(basketItemSchema).min(1, 'The basket must not be empty');
