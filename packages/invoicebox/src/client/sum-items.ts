import { fromKopecks, toKopecks } from '../money.js';
import type { BasketItem } from '../schemas/basket-item.js';

/** Order `amount` / `vatAmount` (roubles) for a basket: exact sums of the line totals, in kopecks underneath. */
export function sumItems(items: readonly BasketItem[]): { amount: number; vatAmount: number } {
  let amount = 0;
  let vat = 0;
  for (const item of items) {
    amount += toKopecks(item.totalAmount);
    vat += toKopecks(item.totalVatAmount);
  }
  return { amount: fromKopecks(amount), vatAmount: fromKopecks(vat) };
}
