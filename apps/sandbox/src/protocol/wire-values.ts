import { fromKopecks, toKopecks } from '@checkout/invoicebox';
import { z } from 'zod';

// Invoicebox documents amounts as floats, yet the 1C-Bitrix module sends basket amounts as strings with two
// decimals ("100.00") and gets its orders accepted: both spellings are taken and normalised to JSON numbers.
const NUMERIC_TEXT = /^\s*-?\d+(\.\d+)?\s*$/;

const numberOrNumericString = z.union([
  z.number(),
  z.string().regex(NUMERIC_TEXT, 'Expected a number or a numeric string such as "100.00"'),
]);

/** Roubles, at most 2 decimals, not negative; normalised to the JSON number Invoicebox echoes back. */
export const amountSchema = numberOrNumericString.transform((value, ctx) => {
  try {
    const kopecks = toKopecks(value);
    if (kopecks < 0) throw new Error('Amount must not be negative');
    return fromKopecks(kopecks);
  } catch (error) {
    ctx.addIssue({ code: 'custom', message: (error as Error).message });
    return z.NEVER;
  }
});

/** Decimal places a quantity may carry (weighed goods; Bitrix sends PHP floats). */
export const QUANTITY_SCALE = 6;

/** A positive quantity, as a number or numeric string; normalised to a JSON number. */
export const quantitySchema = numberOrNumericString.transform((value, ctx) => {
  const units = scaledQuantity(value);
  if (units === undefined || units <= 0n) {
    ctx.addIssue({
      code: 'custom',
      message: `Quantity must be greater than 0 with at most ${QUANTITY_SCALE} decimals`,
    });
    return z.NEVER;
  }
  return Number(typeof value === 'string' ? value.trim() : value);
});

/** Quantity in millionths, exactly (no float multiplication). Undefined when it is not a plain decimal. */
export function scaledQuantity(value: number | string): bigint | undefined {
  const text = typeof value === 'number' ? numberText(value) : value.trim();
  const match = /^(-)?(\d+)(?:\.(\d+))?$/.exec(text ?? '');
  if (!match) return undefined;
  const fraction = (match[3] ?? '').replace(/0+$/, '');
  if (fraction.length > QUANTITY_SCALE) return undefined;
  const units = BigInt(`${match[2]}${fraction.padEnd(QUANTITY_SCALE, '0')}`);
  return match[1] ? -units : units;
}

function numberText(value: number): string | undefined {
  if (!Number.isFinite(value)) return undefined;
  // Tiny or huge floats print with an exponent; toFixed gives their plain digits (beyond the scale they fail).
  const text = String(value);
  return text.includes('e') ? value.toFixed(QUANTITY_SCALE + 1) : text;
}

/** A non-negative number (weights), number or numeric string. */
export const measureNumberSchema = numberOrNumericString
  .transform(Number)
  .refine((v) => Number.isFinite(v) && v >= 0, 'Must be a non-negative number');

/** Text field that PHP clients may send as a number (ids, OKEI codes): kept as text. */
export const textSchema = (max: number, min = 0) =>
  z.union([z.string(), z.number().transform(String)]).pipe(
    z
      .string()
      .min(min, min > 0 ? 'Required' : undefined)
      .max(max),
  );

/** ATOM / ISO 8601 date-time with an offset (`2020-12-22T00:00:00+00:00`, Bitrix's `date('c')`, or `Z`). */
export const dateTimeSchema = z
  .string()
  .regex(
    /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?([+-]\d{2}:?\d{2}|Z)$/,
    'Expected a date-time such as 2020-12-22T00:00:00+00:00',
  )
  .refine((v) => !Number.isNaN(Date.parse(v)), 'Not a real date');

export const plainDateSchema = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'Expected a YYYY-MM-DD date');

export const jsonObjectSchema = z.record(z.string(), z.unknown());
