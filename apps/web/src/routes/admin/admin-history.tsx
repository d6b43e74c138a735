import { formatRub } from '@checkout/invoicebox/web';
import { formatDate } from '../../lib/format-date';
import { statusLabel } from '../../lib/order-status';
import type { AdminOrder } from '../../trpc';
import { RefundRequests } from './refund-requests';

type RefundStatus = AdminOrder['refunds'][number]['status'];

// Keyed by the API's refund status union: a status added or removed there fails the web typecheck until relabelled.
const REFUND_STATUS = {
  pending: 'В обработке',
  created: 'В обработке',
  completed: 'Выполнен',
  failed: 'Ошибка',
  canceled: 'Отменён',
} as const satisfies Record<RefundStatus, string>;

/** Refunds, Invoicebox's notifications and the status journal of one order, as admin.orders.byId sends them. */
export function AdminHistory({ order }: { order: AdminOrder }) {
  const { refunds, notifications, events } = order;
  return (
    <>
      <h2>Возвраты</h2>
      {refunds.length === 0 ? (
        <p className="muted">Возвратов не было.</p>
      ) : (
        <ul className="history" data-testid="refunds">
          {refunds.map((refund) => (
            <li key={refund.id} data-testid="refund" data-status={refund.status}>
              {formatDate(refund.createdAt)}: {formatRub(refund.amount)} —{' '}
              <strong>{REFUND_STATUS[refund.status]}</strong>
              {refund.reason && <span className="muted"> ({refund.reason})</span>}
              {refund.failureReason && <span className="muted"> {refund.failureReason}</span>}
            </li>
          ))}
        </ul>
      )}
      <RefundRequests orderId={order.id} total={order.refundRequestCount} />
      <h2>Уведомления Инвойсбокс</h2>
      {notifications.length === 0 ? (
        <p className="muted">Уведомлений не было.</p>
      ) : (
        <ul className="history" data-testid="notifications">
          {notifications.map((item) => (
            <li key={item.id}>
              {formatDate(item.receivedAt)}: {item.status ?? '—'}
              {item.subtype === 'refund' ? ' (возврат)' : ''} — {item.outcome}
              {item.deliveries > 1 && <span className="muted"> (доставок: {item.deliveries})</span>}
              {!item.signatureValid && <strong> подпись неверна</strong>}
            </li>
          ))}
        </ul>
      )}
      {events.length > 0 && (
        <>
          <h2>Журнал</h2>
          <ul className="history">
            {events.map((item) => (
              <li key={item.id}>
                {formatDate(item.createdAt)}: {statusLabel(item.fromStatus)} → {statusLabel(item.toStatus)}{' '}
                <span className="muted">[{item.source}]</span> <span className="muted">{item.reason}</span>
              </li>
            ))}
          </ul>
        </>
      )}
    </>
  );
}
