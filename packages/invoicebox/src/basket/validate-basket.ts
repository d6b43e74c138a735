import { kopecksToDecimalString, toKopecks } from '../money.js';
import type { BasketItem } from '../schemas/basket-item.js';
import { isVatCode, vatRate } from '../vat.js';
import { type BasketIssue, InvoiceboxBasketError } from './basket-error.js';
import { mulDivRound } from './integer-math.js';
import { MILLI, toMilliUnits } from './quantity.js';
import { lineTotalMatches } from './round-policy.js';

/** The amounts of an order or refund as sent on the wire (roubles, up to 2 decimals): what validateBasket checks. */
export interface BasketOrder {
  amount: number;
  vatAmount: number;
  basketItems: readonly BasketItem[];
  /** The order's `orderSetting`: `roundPolicy` relaxes the line-total check, `disableValidate` turns it off. */
  orderSetting?: { roundPolicy?: string; disableValidate?: boolean };
}

/**
 * `server` (default): the checks Invoicebox documents (line total = amount × quantity under the order's
 * roundPolicy; line total = round(amountWoVat × quantity) + totalVatAmount within a kopeck; VAT consistent with the
 * code, i.e. 0 for zero rates and otherwise no further from the rate than per-unit rounding can move it; VAT no
 * larger than the line; order sums exact) and nothing stricter, so a basket the server takes is never refused locally.
 * `strict`: all of that, and each line's VAT must match its rate (within a kopeck; exactly 0 for zero rates) and an
 * `_ADDED` line's `amount` must be `amountWoVat` plus the rate — the SDK's older check, useful to catch arithmetic
 * mistakes in your own basket code. It is never more lenient than `server`.
 */
export type BasketCheckMode = 'server' | 'strict';

/** Options of validateBasket / assertValidBasket. */
export interface ValidateBasketOptions {
  /** Default `server`; see BasketCheckMode. */
  mode?: BasketCheckMode;
}

const rub = (kopecks: number) => kopecksToDecimalString(kopecks);

function readMoney(value: unknown, field: string, issues: BasketIssue[]): number | undefined {
  try {
    if (typeof value !== 'number') throw new Error('not a number');
    const kopecks = toKopecks(value);
    if (kopecks < 0) throw new Error('negative');
    return kopecks;
  } catch {
    issues.push({
      code: 'wrong_value',
      field,
      message: `must be a non-negative amount with at most 2 decimals, got ${JSON.stringify(value)}`,
    });
    return undefined;
  }
}

/** Checks one line; returns its total and VAT in kopecks when they could be read. */
function checkItem(
  item: BasketItem,
  i: number,
  issues: BasketIssue[],
  mode: BasketCheckMode,
  roundPolicy: string | undefined,
): { total: number; vat: number } | undefined {
  const f = (name: string) => `basketItems[${i}].${name}`;
  const amount = readMoney(item.amount, f('amount'), issues);
  const amountWoVat = readMoney(item.amountWoVat, f('amountWoVat'), issues);
  const total = readMoney(item.totalAmount, f('totalAmount'), issues);
  const vat = readMoney(item.totalVatAmount, f('totalVatAmount'), issues);
  let qty: number | undefined;
  try {
    qty = typeof item.quantity === 'number' ? toMilliUnits(item.quantity) : Number.NaN;
  } catch {
    qty = Number.NaN;
  }
  if (!(qty > 0)) {
    const message = `quantity must be greater than 0 with at most 3 decimals, got ${JSON.stringify(item.quantity)}`;
    issues.push({ code: 'wrong_value', field: f('quantity'), message });
    qty = undefined;
  }
  if (!isVatCode(item.vatCode)) {
    issues.push({
      code: 'wrong_value',
      field: f('vatCode'),
      message: `unknown VAT code ${JSON.stringify(item.vatCode)}`,
    });
  }
  if (amount === undefined || amountWoVat === undefined || total === undefined || vat === undefined)
    return undefined;
  if (qty === undefined || !isVatCode(item.vatCode)) return { total, vat };

  const expectedTotal = mulDivRound(amount, qty, MILLI);
  const policy = roundPolicy;
  if (!lineTotalMatches(amount, qty, total, policy)) {
    issues.push({
      code: 'wrong_basket_item_total_amount',
      field: f('totalAmount'),
      message:
        policy === 'none'
          ? `totalAmount ${rub(total)} is less than amount × quantity = ${rub(expectedTotal)} (roundPolicy none)`
          : `totalAmount ${rub(total)} differs from amount × quantity = ${rub(expectedTotal)}${policy && policy !== 'strict' ? ` (roundPolicy ${policy})` : ''}`,
    });
  }
  if (vat > total) {
    issues.push({
      code: 'wrong_basket_item_total_vat_amount',
      field: f('totalVatAmount'),
      message: `totalVatAmount ${rub(vat)} exceeds totalAmount ${rub(total)}`,
    });
    return { total, vat };
  }
  const { percent, added } = vatRate(item.vatCode);
  // "totalVatAmount must be consistent with vatCode" (the docs' wrong_basket_item_total_vat_amount) without a
  // formula: by default the VAT may stray from the rate as far as a net price rounded per unit can move it (half a
  // kopeck per unit, plus the roundings), so CMS-style lines pass; strict wants the rate within a kopeck. Added VAT is
  // what the gross total holds above the net total, which the net-price check below already covers.
  if (mode === 'strict' || !added) {
    const expectedVat =
      percent === 0
        ? 0
        : added
          ? total - mulDivRound(amountWoVat, qty, MILLI)
          : mulDivRound(total, percent, 100 + percent);
    const tolerance = percent === 0 ? 0 : mode === 'strict' ? 1 : Math.ceil(qty / (2 * MILLI)) + 2;
    if (Math.abs(vat - expectedVat) > tolerance) {
      issues.push({
        code: 'wrong_basket_item_total_vat_amount',
        field: f('totalVatAmount'),
        message: `totalVatAmount ${rub(vat)} does not match ${item.vatCode}: expected ${rub(expectedVat)}${tolerance > 1 ? ` (± ${tolerance} kopecks for per-unit rounding)` : ''}`,
      });
    }
  }
  // The server's check: net total plus VAT is the line total within a kopeck. A net unit price rounded per unit
  // (100 ₽ × 10 at 20 %: 83.33 and VAT 166.70) passes, as it does at Invoicebox.
  const net = mulDivRound(amountWoVat, qty, MILLI);
  const unitNetMismatch =
    mode === 'strict' && added && Math.abs(amount - amountWoVat - mulDivRound(amountWoVat, percent, 100)) > 1;
  if (Math.abs(net + vat - total) > 1 || unitNetMismatch) {
    issues.push({
      code: 'wrong_basket_item_amount_wo_vat',
      field: f('amountWoVat'),
      message: unitNetMismatch
        ? `amountWoVat ${rub(amountWoVat)} plus ${percent}% is not amount ${rub(amount)}`
        : `amountWoVat ${rub(amountWoVat)} × quantity = ${rub(net)} plus totalVatAmount ${rub(vat)} differs from totalAmount ${rub(total)} by more than 1 kopeck`,
    });
  }
  return { total, vat };
}

/**
 * Applies Invoicebox's basket checks to wire values (roubles) and returns every problem found, each with the API's
 * error code and the field path. An empty array means Invoicebox should accept the amounts. `mode: 'strict'` adds
 * the per-rate VAT check (see BasketCheckMode); the default follows the server's documented checks, including
 * `orderSetting.roundPolicy` and `orderSetting.disableValidate`.
 */
export function validateBasket(order: BasketOrder, options: ValidateBasketOptions = {}): BasketIssue[] {
  const mode = options.mode ?? 'server';
  const issues: BasketIssue[] = [];
  // The order asked Invoicebox not to check its amounts; neither do we.
  if (order.orderSetting?.disableValidate === true) return issues;
  const roundPolicy = order.orderSetting?.roundPolicy;
  const items = Array.isArray(order.basketItems) ? order.basketItems : [];
  if (items.length === 0) {
    issues.push({ code: 'wrong_value', field: 'basketItems', message: 'the basket is empty' });
  }
  let sumTotal = 0;
  let sumVat = 0;
  let complete = true;
  items.forEach((item, i) => {
    const line = checkItem(item, i, issues, mode, roundPolicy);
    if (line) {
      sumTotal += line.total;
      sumVat += line.vat;
    } else complete = false;
  });
  const amount = readMoney(order.amount, 'amount', issues);
  const vatAmount = readMoney(order.vatAmount, 'vatAmount', issues);
  if (amount !== undefined && complete && items.length > 0 && amount !== sumTotal) {
    issues.push({
      code: 'wrong_total_amount',
      field: 'amount',
      message: `amount ${rub(amount)} differs from the sum of basket totals ${rub(sumTotal)}`,
    });
  }
  if (vatAmount !== undefined && complete && items.length > 0 && vatAmount !== sumVat) {
    issues.push({
      code: 'wrong_total_vat_amount',
      field: 'vatAmount',
      message: `vatAmount ${rub(vatAmount)} differs from the sum of basket VAT ${rub(sumVat)}`,
    });
  } else if (vatAmount !== undefined && amount !== undefined && vatAmount > amount) {
    issues.push({
      code: 'wrong_total_vat_amount',
      field: 'vatAmount',
      message: `vatAmount ${rub(vatAmount)} exceeds amount ${rub(amount)}`,
    });
  }
  return issues;
}

/** validateBasket that throws InvoiceboxBasketError (with `.issues`) instead of returning the problems. */
export function assertValidBasket(order: BasketOrder, options: ValidateBasketOptions = {}): void {
  const issues = validateBasket(order, options);
  if (issues.length > 0) throw new InvoiceboxBasketError(issues);
}
