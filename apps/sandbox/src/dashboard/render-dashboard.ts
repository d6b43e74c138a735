import { formatRub, toKopecks } from '@checkout/invoicebox';
import type { SandboxContext } from '../context.js';
import { html, type SafeHtml } from '../html.js';
import { page } from '../payment-page/layout.js';
import type { OrderJson } from '../types.js';

const LIMIT = 100;
const rub = (amount: number) => formatRub(toKopecks(amount));
/** `2026-11-29T08:26:01+00:00` -> `11-29 08:26:01` (UTC): enough to tell rows apart. */
const shortTime = (atom: string) => atom.slice(5, 19).replace('T', ' ');

function button(action: string, ref: string, label: string, testId: string): SafeHtml {
  return html`<form method="post" action="/_sandbox/orders/${encodeURIComponent(ref)}/${action}?redirect=/" style="display:inline">
<button type="submit" class="secondary" data-testid="${testId}" style="margin:.1rem;padding:.3rem .6rem">${label}</button></form>`;
}

function orderActions(order: OrderJson): SafeHtml {
  if (order.status === 'created') {
    return html`${button('pay', order.id, 'Оплатить', 'dashboard-pay')}${button('decline', order.id, 'Отклонить', 'dashboard-decline')}${button('expire', order.id, 'Истечь', 'dashboard-expire')}`;
  }
  return button('resend', order.id, 'Повторить уведомление', 'dashboard-resend');
}

export function renderDashboard(ctx: SandboxContext, error?: string): string {
  const { data } = ctx.store;
  const orders = Object.values(data.orders).slice(-LIMIT).reverse();
  const refunds = Object.values(data.refunds).slice(-LIMIT).reverse();
  const deliveries = data.deliveries.slice(-LIMIT).reverse();
  const merchants = ctx.merchants.list;
  const { mode } = data.settings.notifications;
  const body = html`<section class="card"><h1>Invoicebox sandbox</h1>
<p class="muted">API: ${ctx.publicUrl}/v3 · shops: ${merchants.map((m) => `${m.name ?? ''} ${m.merchantId}`).join('; ')}</p>
${error ? html`<p class="alert" role="alert">${error}</p>` : ''}
<form method="post" action="/_sandbox/probe?redirect=/"><button type="submit" data-testid="dashboard-probe">Отправить тестовое уведомление (probe)</button></form>
<form method="post" action="/_sandbox/settings?redirect=/" class="row" data-testid="dashboard-settings">
<div><label for="s-mode">Уведомления</label><select id="s-mode" name="mode">
<option value="deliver" ${mode === 'deliver' ? html`selected` : ''}>доставлять</option>
<option value="drop" ${mode === 'drop' ? html`selected` : ''}>терять (drop)</option></select></div>
<div><label for="s-rate">Доля потерянных (0..1)</label><input id="s-rate" name="dropRate" type="text" inputmode="decimal" value="${data.settings.notifications.dropRate}"></div>
<div><button type="submit" class="secondary">Сохранить</button></div></form>
</section>
<section class="card"><h2>Заказы (${Object.keys(data.orders).length})</h2><div style="overflow-x:auto"><table>
<thead><tr><th>Создан</th><th>Номер</th><th>Статус</th><th class="num">Сумма</th><th>Действия</th></tr></thead><tbody>
${orders.map(
  ({
    order,
  }) => html`<tr data-testid="dashboard-order" data-order-id="${order.id}"><td>${shortTime(order.createdAt)}</td>
<td><a href="${order.paymentUrl}">${order.merchantOrderId}</a><br><small>${order.id}</small></td>
<td data-testid="dashboard-status">${order.status}${order.paidAt ? html`<br><small>${order.paidAt}</small>` : ''}</td>
<td class="num">${rub(order.amount)}</td><td>${orderActions(order)}</td></tr>`,
)}
</tbody></table></div></section>
<section class="card"><h2>Возвраты (${Object.keys(data.refunds).length})</h2><div style="overflow-x:auto"><table>
<thead><tr><th>Создан</th><th>Заказ</th><th>Номер</th><th>Статус</th><th class="num">Сумма</th></tr></thead><tbody>
${refunds.map(
  (r) =>
    html`<tr><td>${shortTime(r.createdAt)}</td><td><small>${r.parentId}</small></td><td>${r.merchantOrderId}</td><td>${r.status}</td><td class="num">${rub(r.amount)}</td></tr>`,
)}
</tbody></table></div></section>
<section class="card"><h2>Уведомления (${data.deliveries.length})</h2><div style="overflow-x:auto"><table>
<thead><tr><th>Время</th><th>Событие</th><th>Заказ</th><th>Попытка</th><th>Итог</th><th>Ответ</th></tr></thead><tbody>
${deliveries.map(
  (
    d,
  ) => html`<tr data-testid="dashboard-delivery"><td>${shortTime(d.at)}</td><td>${d.event}</td><td><small>${d.orderId}</small></td><td>${d.attempt}</td>
<td>${d.outcome}${d.nextAttemptAt ? html`<br><small>next ${d.nextAttemptAt}</small>` : ''}</td>
<td><small>${d.url}</small><br>${d.responseStatus ?? '—'} <code>${(d.responseBody ?? d.error ?? '').slice(0, 200)}</code>
<details><summary>запрос</summary><code style="word-break:break-all">${d.requestBody}</code><br><small>X-Signature: ${d.signature}</small></details></td></tr>`,
)}
</tbody></table></div></section>`;
  return page('ru', 'Invoicebox sandbox', body, true);
}
