import { and, eq, inArray, sql } from 'drizzle-orm';
import type { DbOrTx } from '../db/client.js';
import { refunds } from '../db/schema.js';
import type { Logger } from '../logger.js';
import { isRefundStatus, REFUND_STATUSES, type RefundStatus } from './status.js';

/**
 * The refund state machine: the ONLY code that writes refunds.status. Creation, sync, notifications and the
 * budget guard all come through transitionRefund. Nothing ever goes back to pending or created from a later
 * status, so a slow sync that read `created` cannot undo a notification that completed the refund meanwhile.
 */
export const REFUND_TRANSITIONS: Readonly<Record<RefundStatus, readonly RefundStatus[]>> = {
  // pending -> completed/canceled: a refund whose creation result was unknown can be found already settled.
  pending: ['created', 'completed', 'canceled', 'failed'],
  created: ['completed', 'canceled'],
  completed: [],
  canceled: [],
  failed: [],
};

export const canTransitionRefund = (from: RefundStatus, to: RefundStatus): boolean =>
  REFUND_TRANSITIONS[from].includes(to);

/** The statuses a refund may be in to move to `to` (the guard of an UPDATE without a prior locked read). */
export const refundStatusesInto = (to: RefundStatus): RefundStatus[] =>
  REFUND_STATUSES.filter((from) => canTransitionRefund(from, to));

export type RefundRow = typeof refunds.$inferSelect;

export type RefundPatch = Partial<Pick<RefundRow, 'invoiceboxRefundId' | 'failureReason'>>;

export type RefundTransitionRequest = {
  refundId: string;
  to: RefundStatus;
  reason: string;
  /** Extra columns written in the same guarded UPDATE. */
  patch?: RefundPatch;
  /** The status the caller read with SELECT … FOR UPDATE in this transaction; without it the allowed from-set guards. */
  lockedStatus?: RefundStatus;
};

export type RefundTransitionResult =
  | { outcome: 'applied'; refund: RefundRow }
  | { outcome: 'unchanged'; status: RefundStatus }
  | { outcome: 'illegal'; from: RefundStatus; to: RefundStatus }
  | { outcome: 'not_found' };

/**
 * One status change as ONE guarded UPDATE (… WHERE status = the locked status, or status IN the statuses the
 * table allows into `to`), so it is safe with or without a transaction: a concurrent change makes the guard
 * miss and the answer says what the refund is now.
 */
export async function transitionRefund(
  db: DbOrTx,
  change: RefundTransitionRequest,
  log: Logger,
): Promise<RefundTransitionResult> {
  const { lockedStatus, to } = change;
  if (lockedStatus === to) return { outcome: 'unchanged', status: to };
  if (lockedStatus !== undefined && !canTransitionRefund(lockedStatus, to)) {
    return refused(change, lockedStatus, log);
  }
  const from = lockedStatus !== undefined ? [lockedStatus] : refundStatusesInto(to);
  const [refund] =
    from.length === 0
      ? []
      : await db
          .update(refunds)
          .set({
            ...change.patch,
            ...(to === 'completed' ? { completedAt: sql`now()` } : {}),
            status: to,
            updatedAt: sql`now()`,
          })
          .where(and(eq(refunds.id, change.refundId), inArray(refunds.status, from)))
          .returning();
  if (refund) {
    log.info(
      { refundId: refund.id, orderId: refund.orderId, to, reason: change.reason },
      'refund status changed',
    );
    return { outcome: 'applied', refund };
  }
  const [current] = await db
    .select({ status: refunds.status })
    .from(refunds)
    .where(eq(refunds.id, change.refundId));
  if (!current) return { outcome: 'not_found' };
  if (!isRefundStatus(current.status))
    throw new Error(`refund ${change.refundId} has an unknown status ${current.status}`);
  if (current.status === to) return { outcome: 'unchanged', status: to };
  return refused(change, current.status, log);
}

function refused(change: RefundTransitionRequest, from: RefundStatus, log: Logger): RefundTransitionResult {
  log.warn(
    { refundId: change.refundId, from, to: change.to, reason: change.reason },
    'illegal refund transition refused',
  );
  return { outcome: 'illegal', from, to: change.to };
}
