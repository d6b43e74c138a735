import { formatRub, toKopecks, vatLabel } from '@checkout/invoicebox';
import { html, type SafeHtml } from '../html.js';
import { canonicalVatCode, type VatCode } from '../protocol/vat-codes.js';
import type { MerchantConfig, OrderJson } from '../types.js';
import type { Texts } from './i18n.js';

const rub = (amount: number) => formatRub(toKopecks(amount));

function vatText(sent: VatCode, lang: string) {
  const code = canonicalVatCode(sent);
  if (lang !== 'en') return vatLabel(code);
  return code === 'VATNONE' ? 'no VAT' : vatLabel(code).replace('НДС', 'VAT').replace('сверху', 'on top');
}

/** Shop, description and the basket with VAT and total. */
export function orderSummary(order: OrderJson, merchant: MerchantConfig | undefined, t: Texts): SafeHtml {
  const lang = order.languageId;
  const rows = order.basketItems.map(
    (item) => html`<tr data-testid="basket-line">
<td>${item.name}</td><td class="num">${item.quantity} ${item.measure}</td>
<td class="num hide">${rub(item.amount)}</td><td class="hide">${vatText(item.vatCode, lang)}</td>
<td class="num">${rub(item.totalAmount)}</td></tr>`,
  );
  return html`<section class="card" aria-labelledby="order-title">
<p class="shop" data-testid="shop">${merchant?.name ?? order.merchantId}</p>
<h1 id="order-title">${t.order} № ${order.merchantOrderIdVisible}</h1>
<p data-testid="description">${order.description}</p>
<table>
<thead><tr><th scope="col">${t.item}</th><th scope="col" class="num">${t.quantity}</th><th scope="col" class="num hide">${t.price}</th><th scope="col" class="hide">${t.vat}</th><th scope="col" class="num">${t.total}</th></tr></thead>
<tbody>${rows}</tbody>
<tfoot class="totals">
<tr><td colspan="2">${t.vatTotal}</td><td class="hide" colspan="2"></td><td class="num" data-testid="vat-total">${rub(order.vatAmount)}</td></tr>
<tr><td colspan="2">${t.total}</td><td class="hide" colspan="2"></td><td class="num" data-testid="total">${rub(order.amount)}</td></tr>
</tfoot>
</table>
</section>`;
}
