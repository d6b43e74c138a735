import { kopecksToDecimalString, toKopecks } from '@checkout/invoicebox';
import type { BasketItem } from '../protocol/basket-item.js';
import type { RoundPolicy } from '../protocol/enums.js';
import { vatPercent } from '../protocol/vat-codes.js';
import { QUANTITY_SCALE, scaledQuantity } from '../protocol/wire-values.js';

export interface BasketIssue {
  code: string;
  field: string;
  message: string;
}

/**
 * `strict` is the default. The docs name both `strict` and `none` as the default in one sentence; every order
 * valid under `strict` is valid under `none`, so a shop tested here is accepted whichever Invoicebox applies.
 */
export const DEFAULT_ROUND_POLICY: RoundPolicy = 'strict';

/** One unit of quantity in the scaled integers below. */
const UNIT = 10n ** BigInt(QUANTITY_SCALE);
const ROUBLE = 100n;

const rub = (kopecks: bigint) => kopecksToDecimalString(Number(kopecks));
const abs = (v: bigint) => (v < 0n ? -v : v);

/** n / d rounded to an integer by the policy's mode (n, d > 0). */
function roundDiv(n: bigint, d: bigint, mode: 'floor' | 'ceil' | 'halfUp' | 'halfDown'): bigint {
  const q = n / d;
  const r = n % d;
  if (r === 0n) return q;
  if (mode === 'floor') return q;
  if (mode === 'ceil') return q + 1n;
  if (mode === 'halfUp') return 2n * r >= d ? q + 1n : q;
  return 2n * r > d ? q + 1n : q;
}

/**
 * Is the line total right for `quantity × amount` (P, in kopecks × UNIT) under the policy?
 * - strict: equal to the kopeck (a product with a fraction of a kopeck is rounded half up: no amount can carry it);
 * - none: "acceptable when quantity × amount <= totalAmount", read as the unit price having been rounded down,
 *   so the total lies in [P, P + max(1 kopeck, 1 kopeck per unit));
 * - floor / ceil / halfUp / halfDown: P rounded to whole roubles ("к целому") that way.
 */
export function lineTotalMatches(total: bigint, product: bigint, qty: bigint, policy: RoundPolicy): boolean {
  const scaled = total * UNIT;
  switch (policy) {
    case 'strict':
      return total === roundDiv(product, UNIT, 'halfUp');
    case 'none': {
      const slack = qty > UNIT ? qty : UNIT;
      return scaled >= product && scaled - product < slack;
    }
    default:
      return total === roundDiv(product, UNIT * ROUBLE, policy) * ROUBLE;
  }
}

function readItem(item: BasketItem) {
  return {
    amount: BigInt(toKopecks(item.amount)),
    net: BigInt(toKopecks(item.amountWoVat)),
    total: BigInt(toKopecks(item.totalAmount)),
    vat: BigInt(toKopecks(item.totalVatAmount)),
    qty: scaledQuantity(item.quantity) ?? 0n,
  };
}

function checkItem(item: BasketItem, i: number, policy: RoundPolicy, issues: BasketIssue[]) {
  const f = (name: string) => `basketItems[${i}].${name}`;
  const { amount, net, total, vat, qty } = readItem(item);
  const product = amount * qty;
  if (!lineTotalMatches(total, product, qty, policy)) {
    issues.push({
      code: 'wrong_basket_item_total_amount',
      field: f('totalAmount'),
      message: `totalAmount ${rub(total)} does not match quantity × amount = ${item.quantity} × ${rub(amount)} (roundPolicy ${policy})`,
    });
  }
  // Per-unit rounding (Bitrix rounds the unit net price, then multiplies) drifts by up to half a kopeck a unit.
  const twiceTolerance = 2n * UNIT + qty; // (1 kopeck + qty/2 kopecks) × 2 × UNIT
  const percent = BigInt(vatPercent(item.vatCode));
  if (percent === 0n) {
    if (vat !== 0n) {
      issues.push({
        code: 'wrong_basket_item_total_vat_amount',
        field: f('totalVatAmount'),
        message: `totalVatAmount must be 0 for ${item.vatCode}, got ${rub(vat)}`,
      });
    }
  } else {
    // VAT included or "on top", the line's VAT is total × p / (100 + p).
    const gap = abs(vat * (100n + percent) - total * percent) * 2n * UNIT;
    if (vat > total || gap > twiceTolerance * (100n + percent)) {
      const expected = roundDiv(total * percent, 100n + percent, 'halfUp');
      issues.push({
        code: 'wrong_basket_item_total_vat_amount',
        field: f('totalVatAmount'),
        message: `totalVatAmount ${rub(vat)} does not match ${item.vatCode} on ${rub(total)}: expected about ${rub(expected)}`,
      });
    }
  }
  // The documented identity: totalAmount = amountWoVat × quantity + totalVatAmount, within a kopeck.
  const drift = abs(net * qty + (vat - total) * UNIT) * 2n;
  if (drift > twiceTolerance) {
    issues.push({
      code: 'wrong_basket_item_amount_wo_vat',
      field: f('amountWoVat'),
      message: `amountWoVat ${rub(net)} × ${item.quantity} + totalVatAmount ${rub(vat)} differs from totalAmount ${rub(total)}`,
    });
  }
  return { total, vat };
}

/** Invoicebox's basket arithmetic (docs §7.1); an empty list means the amounts add up. */
export function checkBasket(
  order: { amount: number; vatAmount: number; basketItems: BasketItem[] },
  policy: RoundPolicy = DEFAULT_ROUND_POLICY,
): BasketIssue[] {
  const issues: BasketIssue[] = [];
  let sumTotal = 0n;
  let sumVat = 0n;
  order.basketItems.forEach((item, i) => {
    const line = checkItem(item, i, policy, issues);
    sumTotal += line.total;
    sumVat += line.vat;
  });
  const amount = BigInt(toKopecks(order.amount));
  const vatAmount = BigInt(toKopecks(order.vatAmount));
  if (amount !== sumTotal) {
    issues.push({
      code: 'wrong_total_amount',
      field: 'amount',
      message: `amount ${rub(amount)} differs from the sum of basket totals ${rub(sumTotal)}`,
    });
  }
  if (vatAmount !== sumVat) {
    issues.push({
      code: 'wrong_total_vat_amount',
      field: 'vatAmount',
      message: `vatAmount ${rub(vatAmount)} differs from the sum of basket VAT ${rub(sumVat)}`,
    });
  }
  return issues;
}
