import { formatDate } from '../../lib/format-date';
import { statusLabel } from '../../lib/order-status';
import type { AdminOrder } from '../../trpc';
import { RefundItem } from './refund-item';
import { RefundRequests } from './refund-requests';

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
            <RefundItem key={refund.id} orderId={order.id} refund={refund} />
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
