import { z } from 'zod';
import { isValidInn, KPP_PATTERN } from './customer.js';
import { customerTypeSchema } from './schemas/enums.js';

/**
 * Limits of a payer as a shop's checkout collects it. `name`, `email` and `registrationAddress` are Invoicebox's
 * documented `Customer` lengths; a phone is a country code and number: 11 digits for Russia (the docs' example
 * `79001112233`), at most 15 (E.164).
 */
export const SHOP_CUSTOMER_LIMITS = {
  nameMin: 2,
  name: 500,
  email: 100,
  phoneDigitsMin: 11,
  phoneDigits: 15,
  registrationAddressMin: 5,
  registrationAddress: 1000,
} as const;

/**
 * A phone as Invoicebox wants it: digits only, no `+`. Russian spellings become international:
 * `8 (900) 123-45-67`, `+7 900 123 45 67` and `900 123-45-67` all give `79001234567`.
 */
export function normalizePhone(input: string): string {
  const digits = input.replace(/\D/g, '');
  if (digits.length === 11 && digits.startsWith('8')) return `7${digits.slice(1)}`;
  if (digits.length === 10 && digits.startsWith('9')) return `7${digits}`;
  return digits;
}

/**
 * NUL and other control characters except tab and line breaks: PostgreSQL refuses NUL in text, and none belongs
 * in a payer's details.
 */
export function hasControlCharacters(value: string): boolean {
  for (let i = 0; i < value.length; i++) {
    const code = value.charCodeAt(i);
    if ((code < 32 && code !== 9 && code !== 10 && code !== 13) || code === 127) return true;
  }
  return false;
}

/**
 * Why a custom issue was raised, in `issue.params.rule`, so a form can word each case in its own language
 * (the messages are English, for API clients).
 */
export type ShopCustomerRule =
  | 'control_characters'
  | 'inn_checksum'
  | 'legal_only'
  | 'required'
  | 'sole_trader_kpp';
const rule = (name: ShopCustomerRule) => ({ params: { rule: name } });

const text = (field: string, min: number, max: number) =>
  z
    .string()
    .trim()
    .min(min, min <= 1 ? `${field} is required` : `${field} must be at least ${min} characters`)
    .max(max, `${field} must be at most ${max} characters`)
    .refine((value) => !hasControlCharacters(value), {
      message: `${field} must not contain control characters`,
      ...rule('control_characters'),
    });

const L = SHOP_CUSTOMER_LIMITS;

/**
 * The payer a shop's checkout sends to its own server: a private person, or a company or sole trader (`legal`)
 * with a checked INN, a KPP for organisations only (10-digit INN) and a legal address. Trims, upper-cases the KPP
 * and normalises the phone with {@link normalizePhone}; its output parses again unchanged, so a browser can send
 * what it validated. Maps onto Invoicebox's `Customer` (the KPP is its `taxRegistrationReasonCode`).
 */
export const shopCustomerSchema = z
  .strictObject({
    type: customerTypeSchema,
    name: text('name', L.nameMin, L.name),
    email: text('email', 1, L.email).pipe(z.email('email is not a valid address')),
    phone: z
      .string()
      .trim()
      .regex(/^[\d\s()+-]+$/, 'phone may contain digits, spaces, brackets, + and - only')
      .transform(normalizePhone)
      .pipe(
        z
          .string()
          .min(L.phoneDigitsMin, `phone must have ${L.phoneDigitsMin} to ${L.phoneDigits} digits`)
          .max(L.phoneDigits, `phone must have ${L.phoneDigitsMin} to ${L.phoneDigits} digits`),
      ),
    vatNumber: z
      .string()
      .trim()
      .regex(/^(\d{10}|\d{12})$/, { message: 'vatNumber (INN) must have 10 or 12 digits', abort: true })
      .refine(isValidInn, { message: 'vatNumber (INN) has a wrong check digit', ...rule('inn_checksum') })
      .optional(),
    kpp: z
      .string()
      .trim()
      .toUpperCase()
      .regex(KPP_PATTERN, 'kpp must be 9 characters like 773601001')
      .optional(),
    registrationAddress: text(
      'registrationAddress',
      L.registrationAddressMin,
      L.registrationAddress,
    ).optional(),
  })
  .superRefine((customer, ctx) => {
    const issue = (path: string, message: string, name: ShopCustomerRule) =>
      ctx.addIssue({ code: 'custom', path: [path], message, ...rule(name) });
    if (customer.type === 'private') {
      for (const key of ['vatNumber', 'kpp'] as const) {
        if (customer[key] !== undefined) issue(key, `${key} is only for legal customers`, 'legal_only');
      }
      return;
    }
    if (customer.vatNumber === undefined)
      issue('vatNumber', 'vatNumber (INN) is required for a company', 'required');
    if (customer.registrationAddress === undefined) {
      issue('registrationAddress', 'registrationAddress is required for a company', 'required');
    }
    // Only organisations (10-digit INN) have a KPP; sole traders (12 digits) have none.
    if (customer.vatNumber?.length === 12 && customer.kpp) {
      issue('kpp', 'a sole trader (12-digit INN) has no kpp', 'sole_trader_kpp');
    } else if (customer.vatNumber?.length === 10 && !customer.kpp) {
      issue('kpp', 'kpp is required for an organisation (10-digit INN)', 'required');
    }
  });

/** What {@link shopCustomerSchema} accepts. */
export type ShopCustomerInput = z.input<typeof shopCustomerSchema>;
/** What {@link shopCustomerSchema} gives: trimmed, KPP upper-cased, phone as digits. */
export type ShopCustomer = z.output<typeof shopCustomerSchema>;
