import { statusLabel } from '../../lib/order-status';
import type { PublicOrder } from '../../trpc';

/** "Статус: …", announced when it changes (the order pages poll). */
export function StatusLine({ status, testId }: { status: PublicOrder['status']; testId: string }) {
  return (
    <p className="status-line" aria-live="polite">
      Статус:{' '}
      <strong className={`status status-${status}`} data-testid={testId} data-status={status}>
        {statusLabel(status)}
      </strong>
    </p>
  );
}
