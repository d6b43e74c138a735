import { hasControlCharacters, shopCustomerSchema } from '@checkout/invoicebox/web';
import { z } from 'zod';
import { ORDER_STATUSES } from './status.js';

export const MAX_QUANTITY = 99;

export const plainText = () =>
  z.string().refine((value) => !hasControlCharacters(value), 'must not contain control characters');
export const MAX_LINES = 50;

const lineInput = z.strictObject({
  sku: plainText().trim().min(1, 'sku is required').max(64, 'sku is too long'),
  quantity: z
    .number({ error: 'quantity must be a number' })
    .int('quantity must be a whole number')
    .min(1, 'quantity must be at least 1')
    .max(MAX_QUANTITY, `quantity must be at most ${MAX_QUANTITY}`),
});

export const createOrderInput = z.strictObject({
  idempotencyKey: z.uuid('idempotencyKey must be a UUID'),
  lines: z
    .array(lineInput)
    .min(1, 'lines must not be empty')
    .max(MAX_LINES, `at most ${MAX_LINES} lines`)
    .superRefine((lines, ctx) => {
      const seen = new Set<string>();
      lines.forEach((line, index) => {
        if (seen.has(line.sku)) {
          ctx.addIssue({ code: 'custom', path: [index, 'sku'], message: `sku ${line.sku} appears twice` });
        }
        seen.add(line.sku);
      });
    }),
  // The storefront's checkout form validates with the same schema: one set of limits for both.
  customer: shopCustomerSchema,
});
export type CreateOrderInput = z.infer<typeof createOrderInput>;
export type CustomerInput = CreateOrderInput['customer'];

export const orderIdInput = z.strictObject({ id: z.uuid('id must be an order id (UUID)') });

export const refundRequestInput = z.strictObject({
  id: z.uuid('id must be an order id (UUID)'),
  reason: plainText().trim().min(3, 'reason is required').max(1000, 'reason is too long'),
});

export const adminListInput = z
  .strictObject({
    status: z.array(z.enum(ORDER_STATUSES)).max(ORDER_STATUSES.length).optional(),
    search: plainText().trim().max(200).optional(),
    page: z.number().int().min(1).max(100_000).default(1),
    pageSize: z.number().int().min(1).max(100).default(20),
  })
  .default({ page: 1, pageSize: 20 });
