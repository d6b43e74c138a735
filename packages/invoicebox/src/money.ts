import { InvoiceboxMoneyError } from './errors.js';
import { formatScaledDecimal } from './money-format.js';

// Formatting lives in money-format.ts so a page that only shows prices does not download the parsing.
export { formatRub, formatScaledDecimal, kopecksToDecimalString } from './money-format.js';

// Decimal strings are parsed digit by digit: multiplying floats by 100 drifts (0.29 * 100 = 28.999999999999996).
const DECIMAL = /^(-)?(\d+)(?:\.(\d*))?$/;

/**
 * Parses a decimal number (JS number or string) into an integer count of 1/10^scale units.
 * Trailing zeros beyond `scale` are accepted because the value is still exact; other extra digits are not.
 */
export function parseScaledDecimal(value: number | string, scale: number, what: string): number {
  if (typeof value === 'number' && !Number.isFinite(value)) {
    throw new InvoiceboxMoneyError(`${what} must be a finite number, got ${value}`);
  }
  // Whole numbers (most quantities) need no text round trip.
  if (typeof value === 'number' && Number.isInteger(value)) {
    const scaled = value * 10 ** scale;
    if (!Number.isSafeInteger(scaled)) throw new InvoiceboxMoneyError(`${what} is too large: ${value}`);
    return scaled === 0 ? 0 : scaled;
  }
  const text = typeof value === 'number' ? String(value) : value.trim();
  const match = DECIMAL.exec(text);
  if (!match)
    throw new InvoiceboxMoneyError(`${what} is not a plain decimal number: ${JSON.stringify(value)}`);
  const [, sign, whole = '', rawFraction = ''] = match;
  const fraction = rawFraction.replace(/0+$/, '');
  if (fraction.length > scale) {
    throw new InvoiceboxMoneyError(`${what} has more than ${scale} decimal places: ${text}`);
  }
  const digits = `${whole}${fraction.padEnd(scale, '0')}`;
  const result = Number(digits);
  if (!Number.isSafeInteger(result)) throw new InvoiceboxMoneyError(`${what} is too large: ${text}`);
  return sign && result !== 0 ? -result : result;
}

/** Invoicebox roubles (`371.88` or `"371.88"`) -> integer kopecks (37188). Throws on more than 2 decimals. */
export function toKopecks(value: number | string): number {
  return parseScaledDecimal(value, 2, 'Amount');
}

/** Integer kopecks (37188) -> the JSON number Invoicebox expects (371.88). */
export function fromKopecks(kopecks: number): number {
  return Number(formatScaledDecimal(kopecks, 2, 'Kopecks'));
}
