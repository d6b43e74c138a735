import { z } from 'zod';
import { customerTypeSchema, responseCustomerTypeSchema } from './enums.js';

/** Payer. The object is required by the API but every field is optional; empty strings are accepted. */
export const customerSchema = z.strictObject({
  type: customerTypeSchema.optional(),
  name: z.string().max(500).optional(),
  phone: z.string().max(100).optional(),
  email: z.string().max(100).optional(),
  vatNumber: z.string().max(20).optional(),
  taxRegistrationReasonCode: z.string().max(9).optional(),
  registrationAddress: z.string().max(1000).optional(),
});
/** Payer of an order as sent in requests. */
export type Customer = z.infer<typeof customerSchema>;

/** Payer as Invoicebox returns it: every field optional, an unknown `type` kept as a string. */
export const customerResponseSchema = z.looseObject({
  type: responseCustomerTypeSchema.nullish(),
  name: z.string().nullish(),
  phone: z.string().nullish(),
  email: z.string().nullish(),
  vatNumber: z.string().nullish(),
  taxRegistrationReasonCode: z.string().nullish(),
  registrationAddress: z.string().nullish(),
});
