import { formatScaledDecimal, parseScaledDecimal } from '../money.js';

/** Quantities travel as JSON numbers with up to 3 decimals; inside we count thousandths so products stay exact. */
export const MILLI = 1000;

/** Quantity (number or decimal string, up to 3 decimals) -> integer thousandths; throws on more decimals. */
export function toMilliUnits(quantity: number | string): number {
  return parseScaledDecimal(quantity, 3, 'Quantity');
}

/** Integer thousandths -> the JSON number Invoicebox expects as `quantity`. */
export function fromMilliUnits(milli: number): number {
  return Number(formatScaledDecimal(milli, 3, 'Quantity'));
}
