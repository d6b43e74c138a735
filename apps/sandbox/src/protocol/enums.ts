import { z } from 'zod';

/** Docs' currency dictionary (ISO 4217). Anything else is `wrong_currency`. */
export const CURRENCIES = ['RUB', 'CNY', 'UZS', 'EUR', 'GBP', 'USD'] as const;
export const LANGUAGES = ['ru', 'en'] as const;
export const PAYMENT_TYPES = ['full_prepayment', 'prepayment', 'advance', 'full_payment'] as const;
export const ROUND_POLICIES = ['strict', 'none', 'floor', 'ceil', 'halfUp', 'halfDown'] as const;
export type RoundPolicy = (typeof ROUND_POLICIES)[number];

/** `service` / `commodity`, or a payment-subject code of fiscal tag 1212 (1..33), as a number or its digits. */
export const itemTypeSchema = z.union([
  z.enum(['service', 'commodity']),
  z.int().min(1).max(33),
  z
    .string()
    .regex(/^\d{1,2}$/)
    .transform(Number)
    .pipe(z.int().min(1).max(33)),
]);

export const ORDER_STATUSES = ['created', 'completed', 'canceled', 'expired', 'hold'] as const;
export type OrderStatus = (typeof ORDER_STATUSES)[number];

/** Filter values in the spellings clients use: `success` (PHP SDK sample) is `completed`, `cancelled` is `canceled`. */
export function canonicalStatus(status: string): string {
  if (status === 'success') return 'completed';
  if (status === 'cancelled') return 'canceled';
  return status;
}
