import {
  buildBasket,
  createInvoiceboxClient,
  formatAtomDate,
  fromKopecks,
  toBasketItems,
} from '@checkout/invoicebox';
import { Injectable } from '@nestjs/common';
import { config } from './config';

@Injectable()
export class OrdersService {
  private readonly invoicebox = createInvoiceboxClient({
    baseUrl: config.invoiceboxUrl,
    token: config.token,
  });

  /** Creates the Invoicebox order for one of the shop's orders; the buyer pays at `paymentUrl`. */
  async create(merchantOrderId: string) {
    // Prices come from your catalogue, in kopecks.
    const basket = buildBasket([
      { sku: 'tea-1', name: 'Чай зелёный, 100 г', unitPrice: 12396, quantity: 3, vatCode: 'RUS_VAT20' },
    ]);
    const { data: order } = await this.invoicebox.createOrder({
      merchantId: config.merchantId,
      merchantOrderId,
      description: `Заказ ${merchantOrderId}`,
      amount: fromKopecks(basket.amount),
      vatAmount: fromKopecks(basket.vatAmount),
      currencyId: 'RUB',
      expirationDate: formatAtomDate(new Date(Date.now() + 24 * 3600_000)),
      basketItems: toBasketItems(basket.lines),
      customer: { type: 'private', name: 'Пётр', email: 'peter@example.com', phone: '79001112233' },
      successUrl: `${config.publicUrl}/orders/${merchantOrderId}?paid=1`,
      failUrl: `${config.publicUrl}/orders/${merchantOrderId}?failed=1`,
    });
    return { id: order.id, paymentUrl: order.paymentUrl };
  }
}
