import type { ItemType, PaymentType } from '../schemas/enums.js';
import { okeiUnitName } from '../schemas/okei.js';
import { isVatCode, type VatCode, vatRate } from '../vat.js';
import { type BasketIssue, InvoiceboxBasketError } from './basket-error.js';
import { mulDivRound } from './integer-math.js';
import { MILLI, toMilliUnits } from './quantity.js';

/** One line as the shop knows it: kopeck unit price and quantity; buildBasket derives every wire amount from it. */
export interface BasketLineInput {
  sku: string;
  name: string;
  /** Kopecks per unit. Gross (VAT included) for plain codes, net for `_ADDED` codes. */
  unitPrice: number;
  /** May be fractional, up to 3 decimals. */
  quantity: number;
  vatCode: VatCode;
  /** OKEI code; default '796' (pieces). */
  measureCode?: string;
  /** Unit name; derived from the OKEI code when absent. */
  measure?: string;
  type?: ItemType;
  paymentType?: PaymentType;
}

/** A computed line; every amount in kopecks. */
export interface BuiltBasketLine {
  sku: string;
  name: string;
  measure: string;
  measureCode: string;
  quantity: number;
  type: ItemType;
  paymentType: PaymentType;
  vatCode: VatCode;
  /** Unit price with VAT (`amount` on the wire). */
  unitAmount: number;
  /** Unit price without VAT (`amountWoVat`). */
  unitAmountWoVat: number;
  totalAmount: number;
  totalVatAmount: number;
}

/** buildBasket's result: the lines and the order totals, all in kopecks; toBasketItems turns it into wire items. */
export interface BuiltBasket {
  lines: BuiltBasketLine[];
  /** Order total in kopecks (Σ totalAmount). */
  amount: number;
  /** Order VAT in kopecks (Σ totalVatAmount). */
  vatAmount: number;
}

/** The per-line amounts Invoicebox checks, in kopecks. */
export interface LineAmounts {
  /** Unit price with VAT (`amount`). */
  unitAmount: number;
  /** Unit price without VAT (`amountWoVat`). */
  unitAmountWoVat: number;
  /** Line total with VAT (`totalAmount`). */
  totalAmount: number;
  /** VAT of the line total (`totalVatAmount`). */
  totalVatAmount: number;
}

/** The arithmetic of one line, following the checks Invoicebox applies (see README, "Basket arithmetic"). */
export function computeLineAmounts(unitPrice: number, quantityMilli: number, vatCode: VatCode): LineAmounts {
  const { percent, added } = vatRate(vatCode);
  if (added) {
    // Net price in; the gross unit is rounded first so that totalAmount = unitGross × qty holds exactly.
    const unitAmount = unitPrice + mulDivRound(unitPrice, percent, 100);
    const totalAmount = mulDivRound(unitAmount, quantityMilli, MILLI);
    const totalNet = mulDivRound(unitPrice, quantityMilli, MILLI);
    return { unitAmount, unitAmountWoVat: unitPrice, totalAmount, totalVatAmount: totalAmount - totalNet };
  }
  const totalAmount = mulDivRound(unitPrice, quantityMilli, MILLI);
  if (percent === 0) {
    return { unitAmount: unitPrice, unitAmountWoVat: unitPrice, totalAmount, totalVatAmount: 0 };
  }
  const rateVat = mulDivRound(totalAmount, percent, 100 + percent);
  const unitAmountWoVat = mulDivRound(totalAmount - rateVat, MILLI, quantityMilli);
  // Invoicebox checks round(amountWoVat × quantity) + VAT = total within a kopeck. Over many units the per-unit
  // rounding of amountWoVat drifts further (10 × 100 ₽ at 20 %: 83.33 × 10 + 166.67 = 999.97), so the VAT moves as
  // little as it must to close the gap (166.69). A few units never need it.
  const net = mulDivRound(unitAmountWoVat, quantityMilli, MILLI);
  const totalVatAmount = Math.min(
    totalAmount,
    Math.max(0, totalAmount - net - 1, Math.min(rateVat, totalAmount - net + 1)),
  );
  return { unitAmount: unitPrice, unitAmountWoVat, totalAmount, totalVatAmount };
}

function bad(issues: BasketIssue[], index: number, field: string, message: string): void {
  issues.push({ code: 'wrong_value', field: `lines[${index}].${field}`, message });
}

// Plain statements, no per-line closures: this runs for every line of every order.
function checkLine(line: BasketLineInput, index: number, issues: BasketIssue[]): number | undefined {
  if (typeof line.sku !== 'string' || line.sku.trim() === '')
    bad(issues, index, 'sku', 'sku must be a non-empty string');
  if (typeof line.name !== 'string' || line.name.trim() === '') {
    bad(issues, index, 'name', 'name must be a non-empty string');
  }
  if (!Number.isSafeInteger(line.unitPrice) || line.unitPrice < 0) {
    bad(
      issues,
      index,
      'unitPrice',
      `unitPrice must be a non-negative integer number of kopecks, got ${line.unitPrice}`,
    );
  }
  if (!isVatCode(line.vatCode))
    bad(issues, index, 'vatCode', `unknown VAT code ${JSON.stringify(line.vatCode)}`);
  if (line.measure === undefined && okeiUnitName(line.measureCode ?? '796') === undefined) {
    bad(
      issues,
      index,
      'measureCode',
      `unknown OKEI code ${JSON.stringify(line.measureCode)}; pass measure explicitly`,
    );
  }
  let quantityMilli: number;
  try {
    quantityMilli = toMilliUnits(line.quantity);
  } catch (error) {
    bad(issues, index, 'quantity', (error as Error).message);
    return undefined;
  }
  if (quantityMilli <= 0) {
    bad(issues, index, 'quantity', `quantity must be greater than 0, got ${line.quantity}`);
    return undefined;
  }
  return quantityMilli;
}

/**
 * Kopeck prices and quantities -> every amount Invoicebox checks, per line and for the order.
 * Throws InvoiceboxBasketError (fields `lines[i].…`) on input that cannot make a valid basket.
 */
export function buildBasket(lines: readonly BasketLineInput[]): BuiltBasket {
  const issues: BasketIssue[] = [];
  if (lines.length === 0) {
    issues.push({ code: 'wrong_value', field: 'lines', message: 'the basket is empty' });
  }
  const quantities = lines.map((line, index) => checkLine(line, index, issues));
  if (issues.length > 0) throw new InvoiceboxBasketError(issues);

  let amount = 0;
  let vatAmount = 0;
  const built = lines.map((line, index): BuiltBasketLine => {
    const measureCode = line.measureCode ?? '796';
    const amounts = computeLineAmounts(line.unitPrice, quantities[index] as number, line.vatCode);
    amount += amounts.totalAmount;
    vatAmount += amounts.totalVatAmount;
    return {
      sku: line.sku,
      name: line.name,
      measure: line.measure ?? (okeiUnitName(measureCode) as string),
      measureCode,
      quantity: line.quantity,
      type: line.type ?? 'commodity',
      paymentType: line.paymentType ?? 'full_prepayment',
      vatCode: line.vatCode,
      ...amounts,
    };
  });
  if (!Number.isSafeInteger(amount)) throw new RangeError('Basket total is out of the safe integer range');
  return { lines: built, amount, vatAmount };
}
