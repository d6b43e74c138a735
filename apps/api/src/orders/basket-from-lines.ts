import {
  type BasketLineInput,
  buildBasket,
  type ItemType,
  type PaymentType,
  type VatCode,
} from '@checkout/invoicebox';
import type { RefundLine } from '../db/schema.js';

export type LineSnapshot = {
  sku: string;
  name: string;
  unitPrice: number;
  quantity: number;
  vatCode: string;
  measure: string;
  measureCode: string;
  itemType: string;
  paymentType: string;
};

/** The fiscal basket for stored line snapshots: deterministic, so a retry sends exactly the same amounts. */
export function basketFromLines(lines: LineSnapshot[]) {
  return buildBasket(lines.map(toBasketLineInput));
}

export function toBasketLineInput(line: LineSnapshot): BasketLineInput {
  return {
    sku: line.sku,
    name: line.name,
    unitPrice: line.unitPrice,
    quantity: line.quantity,
    vatCode: line.vatCode as VatCode,
    measure: line.measure,
    measureCode: line.measureCode,
    type: line.itemType as ItemType,
    paymentType: line.paymentType as PaymentType,
  };
}

/** What refunds and shipments store of each line of their basket (kopecks). */
export const storedLines = (basket: ReturnType<typeof buildBasket>): RefundLine[] =>
  basket.lines.map((line) => ({
    sku: line.sku,
    name: line.name,
    quantity: line.quantity,
    unitPrice: line.unitAmount,
    total: line.totalAmount,
    vatAmount: line.totalVatAmount,
  }));
