import { type BuiltBasketLine, buildBasket } from '@checkout/invoicebox';
import { FieldErrors } from '../errors.js';
import { toBasketLineInput } from '../orders/basket-from-lines.js';
import type { FeeLine } from './fee-types.js';

export type FeeInput = { kopecks: number; description?: string | undefined };

export const FEE_SKU = 'REFUND-FEE';
export const DEFAULT_FEE_NAME = 'Удержание за возврат';

/**
 * The fee kept from a refund as one service line of the correction order. Its VAT code is that of the largest
 * refunded line: the fee stands in for part of what those goods earned, so it is taxed as they were (a shop
 * selling without VAT never charges VAT on its fee). Paid in full at once: `full_payment`, not a prepayment.
 */
export function buildFeeLine(
  fee: FeeInput,
  refunded: { amount: number; lines: (BuiltBasketLine | { vatCode: string; totalAmount: number })[] },
): { line: FeeLine; built: BuiltBasketLine } {
  if (fee.kopecks >= refunded.amount) {
    throw new FieldErrors([
      {
        path: ['fee', 'kopecks'],
        message: `the fee must be less than the refund (${refunded.amount} kopecks)`,
      },
    ]);
  }
  const largest = refunded.lines.reduce((best, l) => (l.totalAmount > best.totalAmount ? l : best));
  const line: FeeLine = {
    sku: FEE_SKU,
    name: fee.description?.trim() || DEFAULT_FEE_NAME,
    unitPrice: fee.kopecks,
    quantity: 1,
    vatCode: largest.vatCode,
    measure: 'шт',
    measureCode: '796',
    itemType: 'service',
    paymentType: 'full_payment',
  };
  return { line, built: builtFeeLine(line) };
}

/** The wire line (with its exact VAT) for a stored fee line. */
export function builtFeeLine(line: FeeLine): BuiltBasketLine {
  const [built] = buildBasket([toBasketLineInput(line)]).lines;
  if (!built) throw new Error('a one-line basket has one line');
  return built;
}
