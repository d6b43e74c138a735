import { formatRub, toKopecks } from '@checkout/invoicebox';
import { html } from '../html.js';
import type { MerchantConfig, OrderJson } from '../types.js';
import type { Texts } from './i18n.js';
import { page } from './layout.js';
import { orderSummary } from './render-order.js';

const returnLink = (order: OrderJson, t: Texts) =>
  order.returnUrl
    ? html`<p><a class="button secondary" href="${order.returnUrl}" data-testid="return">${t.back}</a></p>`
    : '';

export type OrderState = 'paid' | 'declined' | 'canceled' | 'expired';

/** What the shopper sees instead of a form: paid, declined (with a retry link), canceled or expired. */
export function renderState(
  order: OrderJson,
  merchant: MerchantConfig | undefined,
  t: Texts,
  state: OrderState,
) {
  const title = {
    paid: t.paidTitle,
    declined: t.declinedTitle,
    canceled: t.canceledTitle,
    expired: t.expiredTitle,
  }[state];
  const retry =
    state === 'declined' && order.status === 'created'
      ? html`<p>${t.declinedText}</p><p><a class="button" href="/order/${order.orderContainerId}" data-testid="retry">${t.tryAgain}</a></p>`
      : '';
  const body = html`<section class="card" role="status">
<h1 data-testid="order-state" data-state="${state}">${title}</h1>${retry}${returnLink(order, t)}</section>
${orderSummary(order, merchant, t)}`;
  return page(order.languageId, title, body);
}

export function renderNotFound(t: Texts) {
  return page(
    'ru',
    t.notFoundTitle,
    html`<section class="card"><h1 data-testid="order-state" data-state="not_found">${t.notFoundTitle}</h1></section>`,
  );
}

export function renderConfirmation(order: OrderJson, t: Texts, pendingId: string, error?: string) {
  const body = html`<form method="post" action="/order/${order.orderContainerId}/confirm" class="card" novalidate>
<h1>${t.confirmTitle}</h1><p>${t.confirmText}</p>
<input type="hidden" name="pending" value="${pendingId}">
<label for="f-code">${t.code}</label>
<input id="f-code" name="code" type="text" inputmode="numeric" autocomplete="one-time-code" ${error ? html`aria-invalid="true" aria-describedby="f-code-error"` : ''}>
${error ? html`<p class="error" id="f-code-error">${error}</p>` : ''}
<button type="submit" data-testid="confirm">${t.confirm}</button>
</form>`;
  return page(order.languageId, t.confirmTitle, body);
}

/** The invoice a company pays by bank transfer; the order stays `created` until the transfer "arrives". */
export function renderInvoice(order: OrderJson, merchant: MerchantConfig | undefined, t: Texts) {
  const c = order.customer;
  const body = html`<section class="card" data-testid="invoice">
<h1>${t.invoiceTitle} № ${order.merchantOrderIdVisible}</h1>
<p>${t.invoiceText}</p>
<dl>
<dt>${t.recipient}</dt><dd>ООО «Инвойсбокс» (${merchant?.name ?? order.merchantId})</dd>
<dt>${t.vatNumber}</dt><dd>7804445210</dd>
<dt>${t.bank}</dt><dd>ПАО «Песочный банк», Санкт-Петербург</dd>
<dt>${t.account}</dt><dd>40702810900000000001</dd>
<dt>${t.corrAccount}</dt><dd>30101810900000000790</dd>
<dt>${t.bik}</dt><dd>044030790</dd>
<dt>${t.payerLabel}</dt><dd>${c.name ?? ''}, ${t.vatNumber} ${c.vatNumber ?? ''}${c.taxRegistrationReasonCode ? `, ${t.kpp} ${c.taxRegistrationReasonCode}` : ''}</dd>
<dt>${t.total}</dt><dd data-testid="invoice-total">${formatRub(toKopecks(order.amount))}</dd>
<dt>${t.purpose}</dt><dd>Оплата по счёту ${order.id} (${order.description})</dd>
</dl>
${returnLink(order, t)}
</section>
${orderSummary(order, merchant, t)}`;
  return page(order.languageId, t.invoiceTitle, body);
}
