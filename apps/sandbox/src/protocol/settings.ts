import { z } from 'zod';
import { ROUND_POLICIES } from './enums.js';

/** Payment-page settings (docs §5.1.3, plus the PHP SDK's `customerHiddenFields`). */
export const invoiceSettingSchema = z.object({
  customerLocked: z.boolean().optional(),
  customerLockedFields: z.array(z.string()).optional(),
  paymentMethodIdLocked: z.boolean().optional(),
  paymentMethodId: z.union([z.int(), z.string()]).optional(),
  deliveryAddress: z.string().optional(),
  customerHiddenFields: z.array(z.string()).optional(),
});

/** `roundPolicy` (docs) and `disableValidate` (PHP SDK): how the basket arithmetic is checked. */
export const orderSettingSchema = z.object({
  roundPolicy: z.enum(ROUND_POLICIES).optional(),
  disableValidate: z.boolean().optional(),
});

export type InvoiceSetting = z.infer<typeof invoiceSettingSchema>;
export type OrderSetting = z.infer<typeof orderSettingSchema>;
