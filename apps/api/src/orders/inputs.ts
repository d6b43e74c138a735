import { isValidInn, KPP_PATTERN } from '@checkout/invoicebox';
import { z } from 'zod';
import { ORDER_STATUSES } from './status.js';

export const MAX_QUANTITY = 99;

/** NUL and other control characters: PostgreSQL refuses NUL in text, and none belongs in these fields. */
const hasControl = (value: string) => {
  for (let i = 0; i < value.length; i++) {
    const code = value.charCodeAt(i);
    if ((code < 32 && code !== 9 && code !== 10 && code !== 13) || code === 127) return true;
  }
  return false;
};
export const plainText = () =>
  z.string().refine((value) => !hasControl(value), 'must not contain control characters');
export const MAX_LINES = 50;

const lineInput = z.strictObject({
  sku: plainText().trim().min(1, 'sku is required').max(64, 'sku is too long'),
  quantity: z
    .number({ error: 'quantity must be a number' })
    .int('quantity must be a whole number')
    .min(1, 'quantity must be at least 1')
    .max(MAX_QUANTITY, `quantity must be at most ${MAX_QUANTITY}`),
});

/** '+7 (900) 123-45-67' -> '79001234567' (Invoicebox wants digits without '+'). */
const phone = z
  .string()
  .trim()
  .regex(/^[\d\s()+-]+$/, 'phone may contain digits, spaces, brackets, + and - only')
  .transform((value) => value.replace(/\D/g, ''))
  .pipe(z.string().regex(/^\d{10,15}$/, 'phone must have 10 to 15 digits'));

const customerInput = z
  .strictObject({
    type: z.enum(['private', 'legal']),
    name: plainText().trim().min(2, 'name is required').max(300, 'name is too long'),
    email: plainText().trim().max(100, 'email is too long').pipe(z.email('email is not a valid address')),
    phone,
    vatNumber: z
      .string()
      .trim()
      .regex(/^(\d{10}|\d{12})$/, 'vatNumber (INN) must have 10 or 12 digits')
      .refine(isValidInn, 'vatNumber (INN) has a wrong check digit')
      .optional(),
    kpp: z
      .string()
      .trim()
      .toUpperCase()
      .regex(KPP_PATTERN, 'kpp must be 9 characters like 773601001')
      .optional(),
    registrationAddress: plainText().trim().min(5, 'registrationAddress is too short').max(1000).optional(),
  })
  .superRefine((customer, ctx) => {
    if (customer.type === 'private') {
      for (const key of ['vatNumber', 'kpp'] as const) {
        if (customer[key])
          ctx.addIssue({ code: 'custom', path: [key], message: `${key} is only for legal customers` });
      }
      return;
    }
    if (!customer.vatNumber) {
      ctx.addIssue({
        code: 'custom',
        path: ['vatNumber'],
        message: 'vatNumber (INN) is required for a company',
      });
    }
    if (!customer.registrationAddress) {
      ctx.addIssue({
        code: 'custom',
        path: ['registrationAddress'],
        message: 'registrationAddress is required',
      });
    }
    if (customer.vatNumber?.length === 12 && customer.kpp) {
      ctx.addIssue({ code: 'custom', path: ['kpp'], message: 'a sole trader (12-digit INN) has no kpp' });
    }
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
  customer: customerInput,
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
