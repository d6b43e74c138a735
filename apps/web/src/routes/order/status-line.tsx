import { statusLabel } from '../../lib/order-status';
import type { PublicOrder } from '../../trpc';

/** "Статус: …", announced when it changes (the order pages poll). A released hold says so after «Отменён». */
export function StatusLine({
  status,
  testId,
  released = false,
}: {
  status: PublicOrder['status'];
  testId: string;
  released?: boolean;
}) {
  return (
    <p className="status-line" aria-live="polite">
      Статус:{' '}
      <strong className={`status status-${status}`} data-testid={testId} data-status={status}>
        {statusLabel(status)}
      </strong>
      {released && (
        <>
          {' '}
          <span className="muted" data-testid={`${testId}-released`}>
            блокировка снята
          </span>
        </>
      )}
    </p>
  );
}
