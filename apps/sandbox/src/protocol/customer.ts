import { z } from 'zod';
import { textSchema } from './wire-values.js';

/**
 * The payer (docs §5.1.1): the object is required, every property in it optional. Empty strings are fine (the
 * docs' own example and 1C-Bitrix send them; the PHP SDK drops them).
 */
export const customerSchema = z.object({
  type: z.enum(['private', 'legal']).optional(),
  name: textSchema(500).optional(),
  phone: textSchema(100).optional(),
  email: textSchema(100).optional(),
  vatNumber: textSchema(20).optional(),
  taxRegistrationReasonCode: textSchema(9).optional(),
  registrationAddress: textSchema(1000).optional(),
});

export type Customer = z.infer<typeof customerSchema>;
