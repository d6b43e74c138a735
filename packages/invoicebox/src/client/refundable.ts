import { fromKopecks, toKopecks } from '../money.js';
import { normalizeOrderStatus } from '../schemas/enums.js';
import type { Order } from '../schemas/order.js';
import type { Refund, RefundableItem, RefundableItemResponse } from '../schemas/refund.js';
import { InvoiceboxResponseError } from './errors.js';

// Statuses in which nothing has been paid, so nothing can be refunded.
const UNPAID = new Set([
  'created',
  'expired',
  'canceled',
  'hold',
  'draft',
  'processing',
  'processing-error',
  'failed',
]);

/**
 * Refunds that hold money back from a new refund: every one except a canceled one. Drafts count too: a draft is the
 * first half of a refund with a kept fee (the correction order finishes it), so its lines are already promised;
 * counting it can only under-state what is left until the draft is finished or canceled, never let a shop refund
 * the same line twice. Unknown statuses count for the same reason.
 */
const countsAgainstOrder = (refund: Refund) => normalizeOrderStatus(String(refund.status)) !== 'canceled';

function kopecks(value: number, field: string, requestId: string | null): number {
  try {
    return toKopecks(value);
  } catch (error) {
    const message = `expected an amount with at most 2 decimals, received ${value}`;
    throw new InvoiceboxResponseError(`${field}: ${message}`, {
      status: 200,
      requestId,
      cause: error,
      issues: [{ field, message }],
    });
  }
}

type Totals = Map<string, { amount: number; vat: number }>;

function add(totals: Totals, sku: string, amount: number, vat: number) {
  const entry = totals.get(sku) ?? { amount: 0, vat: 0 };
  entry.amount += amount;
  entry.vat += vat;
  totals.set(sku, entry);
}

/** VAT share of a part of a line, in kopecks. */
function vatShare(lineVat: number, lineTotal: number, part: number): number {
  if (lineTotal <= 0 || part >= lineTotal) return lineVat;
  return Math.round((lineVat * part) / lineTotal);
}

/**
 * Invoicebox's rows already carry `availableAmount`: keep them, adding `availableVatAmount` (the line's VAT share of
 * what is left) where it is missing.
 */
export function completeRefundableRows(
  rows: readonly RefundableItemResponse[],
  requestId: string | null,
): RefundableItem[] | undefined {
  if (!rows.every((row) => row.availableAmount !== undefined)) return undefined;
  return rows.map((row, i) => {
    if (row.availableVatAmount !== undefined) return row as RefundableItem;
    const field = `data[${i}]`;
    const left = kopecks(row.availableAmount as number, `${field}.availableAmount`, requestId);
    const total = kopecks(row.totalAmount, `${field}.totalAmount`, requestId);
    const vat = kopecks(row.totalVatAmount, `${field}.totalVatAmount`, requestId);
    return {
      ...row,
      availableAmount: row.availableAmount as number,
      availableVatAmount: fromKopecks(vatShare(vat, total, left)),
    };
  });
}

/**
 * What is left to refund when Invoicebox's rows have no `availableAmount` (the shape of the PHP SDK's fixture): per
 * sku, the order's line totals minus what the order's refunds already return, spread over the rows of that sku in
 * order. Rows with nothing left are dropped; an unpaid order has nothing to refund.
 */
export function computeRefundableRows(
  rows: readonly RefundableItemResponse[],
  order: Order,
  refunds: readonly Refund[],
  requestId: string | null,
): RefundableItem[] {
  if (UNPAID.has(normalizeOrderStatus(String(order.status)))) return [];
  const ordered: Totals = new Map();
  order.basketItems.forEach((line, i) => {
    const field = `order.basketItems[${i}]`;
    add(
      ordered,
      line.sku,
      kopecks(line.totalAmount, `${field}.totalAmount`, requestId),
      kopecks(line.totalVatAmount, `${field}.totalVatAmount`, requestId),
    );
  });
  const refunded: Totals = new Map();
  for (const refund of refunds) {
    if (!countsAgainstOrder(refund)) continue;
    refund.basketItems.forEach((line, i) => {
      const field = `refund ${refund.id}.basketItems[${i}]`;
      add(
        refunded,
        line.sku,
        kopecks(line.totalAmount, `${field}.totalAmount`, requestId),
        kopecks(line.totalVatAmount, `${field}.totalVatAmount`, requestId),
      );
    });
  }
  // What is left per sku, consumed row by row (a sku may appear on several lines).
  const left: Totals = new Map();
  for (const [sku, total] of ordered) {
    const done = refunded.get(sku) ?? { amount: 0, vat: 0 };
    left.set(sku, {
      amount: Math.max(0, total.amount - done.amount),
      vat: Math.max(0, total.vat - done.vat),
    });
  }
  const result: RefundableItem[] = [];
  rows.forEach((row, i) => {
    const field = `data[${i}]`;
    const rowTotal = kopecks(row.totalAmount, `${field}.totalAmount`, requestId);
    const rowVat = kopecks(row.totalVatAmount, `${field}.totalVatAmount`, requestId);
    const remaining = left.get(row.sku);
    if (!remaining) return;
    const amount = Math.min(rowTotal, remaining.amount);
    const vat = Math.min(rowVat, remaining.vat, amount);
    remaining.amount -= amount;
    remaining.vat -= vat;
    if (amount > 0) {
      result.push({ ...row, availableAmount: fromKopecks(amount), availableVatAmount: fromKopecks(vat) });
    }
  });
  return result;
}
