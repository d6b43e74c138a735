import { normalizeOrderStatus } from '@checkout/invoicebox';
import { and, eq, inArray } from 'drizzle-orm';
import { refunds } from '../db/schema.js';
import type { Deps } from '../deps.js';
import { priorityOf } from '../limits/priority-of.js';
import type { Logger } from '../logger.js';
import type { TransitionSource } from '../orders/status.js';
import { completeRefund } from './complete-refund.js';
import { recordRemoteStatus } from './record-remote-status.js';
import { settleCorrection } from './settle-correction.js';
import { OPEN_REFUND_STATUSES } from './status.js';

type RemoteRefund = { id: string; merchantOrderId?: string; status: string };

/** Refunds we are still waiting for: asks Invoicebox and applies what has finished (heals lost notifications). */
export async function syncRefunds(
  deps: Deps,
  order: { id: string; invoiceboxOrderId: string | null },
  source: TransitionSource,
  log: Logger,
): Promise<void> {
  if (!order.invoiceboxOrderId) return;
  const open = await deps.db
    .select()
    .from(refunds)
    .where(and(eq(refunds.orderId, order.id), inArray(refunds.status, OPEN_REFUND_STATUSES)));
  if (open.length === 0) return;
  const remote = await deps
    .invoicebox(priorityOf(source))
    .findRefunds({ parentId: order.invoiceboxOrderId, pageSize: 100 });
  const byOurId = new Map((remote.data as RemoteRefund[]).map((r) => [r.merchantOrderId ?? '', r]));
  for (const refund of open) {
    const found = byOurId.get(refund.id);
    if (!found) continue;
    const status = normalizeOrderStatus(found.status as Parameters<typeof normalizeOrderStatus>[0]) as string;
    if (status === 'completed') {
      await deps.db.transaction((tx) =>
        completeRefund(
          tx,
          {
            refundId: refund.id,
            invoiceboxRefundId: found.id,
            source,
            reason: `refund ${found.id} completed at Invoicebox`,
          },
          log,
        ),
      );
    } else if (status === 'canceled' || refund.status === 'pending' || !refund.invoiceboxRefundId) {
      // What we read above may be stale by now; the guarded writer never moves the refund back.
      await recordRemoteStatus(deps.db, refund.id, { id: found.id, status }, log);
    }
    if (refund.feeAmount > 0) await settleCorrection(deps, refund.id, status, priorityOf(source), log);
  }
}
