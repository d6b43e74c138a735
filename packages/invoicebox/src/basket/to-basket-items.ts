import { fromKopecks } from '../money.js';
import type { BasketItem } from '../schemas/basket-item.js';
import type { BuiltBasketLine } from './build-basket.js';

/** Built lines (kopecks) -> Invoicebox `basketItems` (roubles), ready for a create-order or refund body. */
export function toBasketItems(lines: readonly BuiltBasketLine[]): BasketItem[] {
  return lines.map((line) => ({
    sku: line.sku,
    name: line.name,
    measure: line.measure,
    measureCode: line.measureCode,
    quantity: line.quantity,
    amount: fromKopecks(line.unitAmount),
    amountWoVat: fromKopecks(line.unitAmountWoVat),
    totalAmount: fromKopecks(line.totalAmount),
    totalVatAmount: fromKopecks(line.totalVatAmount),
    vatCode: line.vatCode,
    type: line.type,
    paymentType: line.paymentType,
  }));
}
