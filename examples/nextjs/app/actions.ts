'use server';

import {
  buildBasket,
  createInvoiceboxClient,
  formatAtomDate,
  fromKopecks,
  toBasketItems,
} from '@checkout/invoicebox';
import { redirect } from 'next/navigation';
import { config } from '../lib/config';

/** Server action behind the checkout form: creates the Invoicebox order and sends the buyer to pay it. */
export async function createOrder(formData: FormData) {
  const merchantOrderId = String(formData.get('merchantOrderId') || `A-${Date.now()}`);
  const invoicebox = createInvoiceboxClient({ baseUrl: config.invoiceboxUrl, token: config.token });
  // Prices come from your catalogue, in kopecks.
  const basket = buildBasket([
    { sku: 'tea-1', name: 'Чай зелёный, 100 г', unitPrice: 12396, quantity: 3, vatCode: 'RUS_VAT20' },
  ]);
  const { data: order } = await invoicebox.createOrder({
    merchantId: config.merchantId,
    merchantOrderId,
    description: `Заказ ${merchantOrderId}`,
    amount: fromKopecks(basket.amount),
    vatAmount: fromKopecks(basket.vatAmount),
    currencyId: 'RUB',
    expirationDate: formatAtomDate(new Date(Date.now() + 24 * 3600_000)),
    basketItems: toBasketItems(basket.lines),
    customer: { type: 'private', name: 'Пётр', email: 'peter@example.com', phone: '79001112233' },
    successUrl: `${config.publicUrl}/?paid=${merchantOrderId}`,
    failUrl: `${config.publicUrl}/?failed=${merchantOrderId}`,
  });
  redirect(order.paymentUrl);
}
