import { z } from 'zod';
import { customerTypeSchema } from './enums.js';

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
export type Customer = z.infer<typeof customerSchema>;

export const customerResponseSchema = z.looseObject({
  type: customerTypeSchema.optional(),
  name: z.string().nullish(),
  phone: z.string().nullish(),
  email: z.string().nullish(),
  vatNumber: z.string().nullish(),
});
