import { z } from 'zod';

// Two decimals at most, checked on the shortest decimal form so 0.1 + 0.2 is rejected and 371.88 passes.
function hasAtMostDecimals(value: number, places: number): boolean {
  if (!Number.isFinite(value)) return false;
  const text = String(value);
  if (text.includes('e')) return Number.isInteger(value) && Number.isSafeInteger(value);
  const dot = text.indexOf('.');
  return dot === -1 || text.length - dot - 1 <= places;
}

/** Amount in roubles as Invoicebox expects it on the wire: non-negative, at most 2 decimals. */
export const moneySchema = z
  .number()
  .nonnegative()
  .refine((v) => hasAtMostDecimals(v, 2), { message: 'Amount must have at most 2 decimal places' });

const NUMERIC = /^\s*-?\d+(\.\d+)?\s*$/;
const received = (value: unknown) =>
  value === null
    ? 'null'
    : Array.isArray(value)
      ? 'array'
      : typeof value === 'string'
        ? `"${value.slice(0, 40)}"`
        : typeof value;

/**
 * An amount or quantity as read from a response: a JSON number, or a numeric string such as `"100.00"` (the Bitrix
 * module writes those, and the API evidently takes and may echo them). Normalised to a number.
 */
export const responseNumberSchema = z.unknown().transform((value, ctx) => {
  if (typeof value === 'number' && Number.isFinite(value)) return value;
  if (typeof value === 'string' && NUMERIC.test(value)) return Number(value);
  ctx.addIssue({ code: 'custom', message: `expected number, received ${received(value)}` });
  return z.NEVER;
});

/** Quantity: positive, at most 3 decimals (we keep it as integer milli-units internally). */
export const quantitySchema = z
  .number()
  .positive()
  .refine((v) => hasAtMostDecimals(v, 3), { message: 'Quantity must have at most 3 decimal places' });

/** ATOM date-time as Invoicebox writes it (`2020-12-22T00:00:00+00:00`); `Z` is accepted too. */
export const atomDateTimeSchema = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?([+-]\d{2}:\d{2}|Z)$/, 'Expected an ATOM date-time');

/** A calendar date without time (`YYYY-MM-DD`), as in a basket line's `serviceDate`. */
export const plainDateSchema = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'Expected a YYYY-MM-DD date');

/** Date -> ATOM string in UTC (`2020-12-22T00:00:00+00:00`), the format the API documents. */
export function formatAtomDate(date: Date): string {
  return `${date.toISOString().slice(0, 19)}+00:00`;
}

export const metaDataSchema = z.record(z.string(), z.unknown());
