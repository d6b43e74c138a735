import { randomUUID } from 'node:crypto';
import {
  buildBasket,
  type CreateOrderRequest,
  DEMO_SHOP,
  fromKopecks,
  toBasketItems,
} from '@checkout/invoicebox';

const basket = buildBasket([
  { sku: 'TEA-100', name: 'Иван-чай листовой, 100 г', unitPrice: 34_900, quantity: 2, vatCode: 'RUS_VAT22' },
  {
    sku: 'CONSULT-1H',
    name: 'Консультация',
    unitPrice: 300_000,
    quantity: 1,
    vatCode: 'VATNONE',
    type: 'service',
  },
]);

export const BENCH_BASKET = basket;

/** The request the shop sends for a two-line cart (same as apps/api/bench's direct baseline). */
export function createOrderRequest(merchantOrderId = randomUUID()): CreateOrderRequest {
  return {
    merchantId: DEMO_SHOP.merchantId,
    merchantOrderId,
    description: 'Заказ',
    amount: fromKopecks(basket.amount),
    vatAmount: fromKopecks(basket.vatAmount),
    currencyId: 'RUB',
    expirationDate: `${new Date(Date.now() + 86_400_000).toISOString().slice(0, 19)}+00:00`,
    basketItems: toBasketItems(basket.lines),
    customer: { type: 'private', name: 'Иван Петров', email: 'ivan@example.ru', phone: '79001234567' },
  } as CreateOrderRequest;
}
