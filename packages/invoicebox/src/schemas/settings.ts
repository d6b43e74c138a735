import { z } from 'zod';
import { roundPolicySchema } from './enums.js';

const customerFieldSchema = z.enum(['type', 'name', 'phone', 'email', 'vatNumber', 'registrationAddress']);

/** Payment-page behaviour. */
export const invoiceSettingSchema = z.strictObject({
  customerLocked: z.boolean().optional(),
  customerLockedFields: z.array(customerFieldSchema).optional(),
  customerHiddenFields: z.array(customerFieldSchema).optional(),
  paymentMethodIdLocked: z.boolean().optional(),
  paymentMethodId: z.int().optional(),
  deliveryAddress: z.string().max(1000).optional(),
});
/** Payment-page behaviour of an order (`invoiceSetting`). */
export type InvoiceSetting = z.infer<typeof invoiceSettingSchema>;

/** Rounding policy of the order total (the docs disagree whether `strict` or `none` is the default). */
export const orderSettingSchema = z.strictObject({
  roundPolicy: roundPolicySchema.optional(),
  disableValidate: z.boolean().optional(),
});
/** Order-level settings (`orderSetting`): roundPolicy and disableValidate of the basket checks. */
export type OrderSetting = z.infer<typeof orderSettingSchema>;
