import { formatRub } from '@checkout/invoicebox/web';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { describeApiError } from '../../lib/api-error';
import { formatDate } from '../../lib/format-date';
import { isCancelable } from '../../lib/order-status';
import { Link } from '../../router';
import { type AdminOrder, useTRPC } from '../../trpc';
import { LinesTable } from '../order/lines-table';
import { StatusLine } from '../order/status-line';
import { AdminError, AdminGate } from './admin-gate';
import { AdminHistory } from './admin-history';
import { RefundPanel } from './refund-panel';
import { ShipPanel } from './ship-panel';

const POLL_MS = 2_000;

const SETTLED_REFUND = new Set<AdminOrder['refunds'][number]['status']>(['completed', 'failed', 'canceled']);

/**
 * Changes when a refund settles and something may still be refundable. Empty while a refund is in flight or
 * once everything is refunded: the order is (about to be) 'refunded' and the API refuses the list then.
 */
function settledRefunds(order: AdminOrder): string {
  if (order.refunds.some((refund) => !SETTLED_REFUND.has(refund.status))) return '';
  const refunded = order.refunds
    .filter((refund) => refund.status === 'completed')
    .reduce((sum, refund) => sum + refund.amount, 0);
  if (refunded >= order.amount) return '';
  return order.refunds.map((refund) => `${refund.id}:${refund.status}`).join(',');
}

export function AdminOrderPage({ id }: { id: string }) {
  return <AdminGate>{(signOut) => <OrderDetails id={id} signOut={signOut} />}</AdminGate>;
}

function OrderDetails({ id, signOut }: { id: string; signOut: () => void }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  // Refunds and notifications change on their own: keep the page current.
  const order = useQuery({ ...trpc.admin.orders.byId.queryOptions({ id }), refetchInterval: POLL_MS });
  const cancel = useMutation(
    trpc.admin.orders.cancel.mutationOptions({
      onSettled: () => queryClient.invalidateQueries({ queryKey: trpc.admin.orders.byId.queryKey({ id }) }),
    }),
  );

  useEffect(() => {
    document.title = order.data ? `Заказ № ${order.data.number} — сотрудникам` : 'Заказ — сотрудникам';
  }, [order.data]);

  if (order.isPending) return <p aria-live="polite">Загружаем заказ…</p>;
  if (order.isError) return <AdminError error={order.error} signOut={signOut} />;
  const data = order.data;
  const refundable = data.status === 'paid' || data.status === 'partially_refunded';

  return (
    <section aria-labelledby="admin-order-title" className="admin-order">
      <p>
        <Link href="/admin">← Все заказы</Link>
      </p>
      <h1 id="admin-order-title">Заказ № {data.number}</h1>
      <StatusLine status={data.status} testId="admin-order-status" />
      <div className="detail-grid">
        <dl>
          <dt>Сумма</dt>
          <dd>
            {formatRub(data.amount)} (НДС {formatRub(data.vatAmount)})
          </dd>
          <dt>Создан</dt>
          <dd>{formatDate(data.createdAt)}</dd>
          {/* A hold's paidAt is when the money was blocked; only a capture makes it paid. */}
          <dt>
            {data.status === 'held' || (data.status === 'canceled' && data.paidAt)
              ? 'Деньги заблокированы'
              : 'Оплачен'}
          </dt>
          <dd>{formatDate(data.paidAt)}</dd>
          <dt>Id в Инвойсбокс</dt>
          <dd data-testid="invoicebox-id">
            <code>{data.invoiceboxOrderId ?? '—'}</code>
          </dd>
          <dt>Ссылка на оплату</dt>
          <dd>
            {data.paymentUrl ? (
              <a href={data.paymentUrl} target="_blank" rel="noreferrer">
                {data.paymentUrl}
              </a>
            ) : (
              '—'
            )}
          </dd>
        </dl>
        <dl>
          <dt>Покупатель</dt>
          <dd>
            {data.customer.type === 'legal' ? 'Организация' : 'Частное лицо'}: {data.customer.name}
          </dd>
          <dt>E-mail</dt>
          <dd>{data.customer.email}</dd>
          <dt>Телефон</dt>
          <dd>{data.customer.phone}</dd>
          {data.customer.type === 'legal' && (
            <>
              <dt>ИНН / КПП</dt>
              <dd>
                {data.customer.vatNumber ?? '—'} / {data.customer.kpp ?? '—'}
              </dd>
              <dt>Юридический адрес</dt>
              <dd>{data.customer.registrationAddress ?? '—'}</dd>
            </>
          )}
        </dl>
      </div>
      <h2>Состав</h2>
      <LinesTable lines={data.lines} caption="Состав заказа" withSku />
      {isCancelable(data.status) && (
        <div className="actions">
          <button
            type="button"
            disabled={cancel.isPending}
            onClick={() => {
              const question =
                data.status === 'held'
                  ? `Снять блокировку средств и отменить заказ № ${data.number}?`
                  : `Отменить заказ № ${data.number}?`;
              if (window.confirm(question)) cancel.mutate({ id });
            }}
            data-testid="cancel-order"
          >
            Отменить заказ
          </button>
          {cancel.isError && (
            <p role="alert" className="error-box">
              {describeApiError(cancel.error).message}
            </p>
          )}
        </div>
      )}
      {(data.canShip || data.shipments.length > 0) && <ShipPanel order={data} />}
      {refundable && <RefundPanel orderId={id} refundsState={settledRefunds(data)} />}
      <AdminHistory order={data} />
    </section>
  );
}
