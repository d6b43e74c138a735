import { eq } from 'drizzle-orm';
import { refunds } from '../db/schema.js';
import type { Deps } from '../deps.js';
import type { CallPriority } from '../limits/budget.js';
import type { Logger } from '../logger.js';
import { recordCorrectionCreated, recordCorrectionFailed } from './correction-state.js';
import { claimAndSendCorrection, findCorrectionOrder } from './send-correction-order.js';

/** Longer than any Invoicebox call with its retries: a `sending` claim this old lost its caller. */
export const STALE_SENDING_MS = 2 * 60_000;

/**
 * Sync's part in a fee refund, given what Invoicebox says of the refund: a draft whose correction order was never
 * sent (its creation answer was lost) gets it now; a correction order whose answer was lost is looked up, and
 * called failed (for staff to finish) only once nobody can still be sending it; a refund past draft has one.
 */
export async function settleCorrection(
  deps: Deps,
  refundId: string,
  remoteStatus: string,
  priority: CallPriority,
  log: Logger,
): Promise<void> {
  const [refund] = await deps.db.select().from(refunds).where(eq(refunds.id, refundId));
  if (!refund || refund.feeAmount === 0 || refund.correctionState === 'created') return;
  if (refund.status === 'failed' || refund.status === 'canceled') return;
  if (remoteStatus !== 'draft') {
    // Invoicebox moves a draft on only once its correction order is there.
    const found = await findCorrectionOrder(deps, refundId, priority).catch(() => null);
    await recordCorrectionCreated(deps.db, refundId, found?.id ?? null);
    return;
  }
  if (!refund.invoiceboxRefundId) return;
  if (refund.correctionState === 'pending') {
    await claimAndSendCorrection(deps, refundId, ['pending'], priority, log);
    return;
  }
  if (refund.correctionState !== 'sending' || Date.now() - refund.updatedAt.getTime() < STALE_SENDING_MS)
    return;
  const found = await findCorrectionOrder(deps, refundId, priority);
  if (found) await recordCorrectionCreated(deps.db, refundId, found.id);
  else await recordCorrectionFailed(deps.db, refundId, 'Invoicebox did not confirm the correction order');
}
