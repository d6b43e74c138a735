import { formatRub } from '@checkout/invoicebox/web';
import { formatDate } from '../../lib/format-date';
import { statusLabel } from '../../lib/order-status';
import type { AdminOrder } from './admin-order-page';
import { RefundRequests } from './refund-requests';

type Row = Record<string, unknown>;

// History records are display-only here, so read them defensively instead of pinning every field.
const rowsOf = (value: unknown): Row[] =>
  Array.isArray(value) ? value.filter((item): item is Row => typeof item === 'object' && item !== null) : [];

function text(row: Row, ...keys: string[]): string {
  for (const key of keys) {
    const value = row[key];
    if (typeof value === 'string' && value) return value;
    if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  }
  return '—';
}

const keyOf = (row: Row): string =>
  typeof row.id === 'string' || typeof row.id === 'number' ? String(row.id) : JSON.stringify(row);

function money(row: Row, key: string): string {
  const value = row[key];
  return typeof value === 'number' && Number.isInteger(value) ? formatRub(value) : '—';
}

type RefundStatus = AdminOrder['refunds'][number]['status'];

// Keyed by the API's refund status union, so a status added there fails the web typecheck until labelled.
const REFUND_STATUS: Record<RefundStatus, string> = {
  pending: 'В обработке',
  created: 'В обработке',
  completed: 'Выполнен',
  failed: 'Ошибка',
  canceled: 'Отменён',
};
const refundStatusLabel = (status: string): string =>
  Object.hasOwn(REFUND_STATUS, status) ? REFUND_STATUS[status as RefundStatus] : status;

export function AdminHistory({ order }: { order: AdminOrder }) {
  const refunds = rowsOf(order.refunds);
  const notifications = rowsOf(order.notifications);
  const events = rowsOf(order.events);
  return (
    <>
      <h2>Возвраты</h2>
      {refunds.length === 0 ? (
        <p className="muted">Возвратов не было.</p>
      ) : (
        <ul className="history" data-testid="refunds">
          {refunds.map((refund) => {
            const status = text(refund, 'status');
            return (
              <li key={keyOf(refund)} data-testid="refund" data-status={status}>
                {formatDate(text(refund, 'createdAt', 'at'))}: {money(refund, 'amount')} —{' '}
                <strong>{refundStatusLabel(status)}</strong>
                {text(refund, 'reason') !== '—' && <span className="muted"> ({text(refund, 'reason')})</span>}
              </li>
            );
          })}
        </ul>
      )}
      <RefundRequests orderId={order.id} total={order.refundRequestCount} />
      <h2>Уведомления Инвойсбокс</h2>
      {notifications.length === 0 ? (
        <p className="muted">Уведомлений не было.</p>
      ) : (
        <ul className="history" data-testid="notifications">
          {notifications.map((item) => (
            <li key={keyOf(item)}>
              {formatDate(text(item, 'receivedAt', 'createdAt', 'at'))}:{' '}
              {text(item, 'status', 'event', 'type')}
              {text(item, 'subtype') === 'refund' ? ' (возврат)' : ''} —{' '}
              {text(item, 'outcome', 'result', 'reply')}
              {item.signatureValid === false && <strong> подпись неверна</strong>}
            </li>
          ))}
        </ul>
      )}
      {events.length > 0 && (
        <>
          <h2>Журнал</h2>
          <ul className="history">
            {events.map((item) => (
              <li key={keyOf(item)}>
                {formatDate(text(item, 'createdAt', 'at'))}: {statusLabel(text(item, 'fromStatus', 'from'))} →{' '}
                {statusLabel(text(item, 'toStatus', 'to'))}{' '}
                <span className="muted">[{text(item, 'source')}]</span>{' '}
                <span className="muted">{text(item, 'reason', 'cause')}</span>
              </li>
            ))}
          </ul>
        </>
      )}
    </>
  );
}
