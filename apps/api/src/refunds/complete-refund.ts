import { and, eq, sql } from 'drizzle-orm';
import type { Tx } from '../db/client.js';
import { orders, refunds } from '../db/schema.js';
import type { Logger } from '../logger.js';
import type { TransitionSource } from '../orders/status.js';
import { transitionOrder } from '../orders/transitions.js';
import { recordCorrectionCreated } from './correction-state.js';
import type { RefundStatus } from './status.js';
import { transitionRefund } from './transitions.js';

/**
 * Marks a refund completed (once) and moves the order to partially_refunded / refunded by what has been
 * returned in total. Runs inside the caller's transaction.
 */
export async function completeRefund(
  tx: Tx,
  args: {
    refundId: string;
    invoiceboxRefundId?: string;
    source: TransitionSource;
    reason: string;
    notificationId?: string;
    /** The refund's status as read under FOR UPDATE in this transaction, when the caller holds the lock. */
    lockedStatus?: RefundStatus;
  },
  log: Logger,
): Promise<'applied' | 'unchanged' | 'illegal' | 'not_found'> {
  const result = await transitionRefund(
    tx,
    {
      refundId: args.refundId,
      to: 'completed',
      reason: args.reason,
      ...(args.invoiceboxRefundId ? { patch: { invoiceboxRefundId: args.invoiceboxRefundId } } : {}),
      ...(args.lockedStatus ? { lockedStatus: args.lockedStatus } : {}),
    },
    log,
  );
  if (result.outcome !== 'applied') return result.outcome;
  const { refund } = result;
  // Invoicebox completes a draft refund only once its correction order is there.
  if (refund.feeAmount > 0) await recordCorrectionCreated(tx, refund.id, null);
  const [order] = await tx
    .select({ amount: orders.amount })
    .from(orders)
    .where(eq(orders.id, refund.orderId));
  const [sum] = await tx
    .select({ total: sql<number>`coalesce(sum(${refunds.amount}), 0)::int` })
    .from(refunds)
    .where(and(eq(refunds.orderId, refund.orderId), eq(refunds.status, 'completed')));
  // The refund's full amount counts, fee included: an order whose every line came back is `refunded` even if the
  // shop kept a fee, because the goods were all returned; the fee is a separate, paid correction order.
  const refunded = sum?.total ?? 0;
  const to = order && refunded >= order.amount ? 'refunded' : 'partially_refunded';
  await transitionOrder(
    tx,
    {
      orderId: refund.orderId,
      to,
      source: args.source,
      reason: `${args.reason}; refunded ${refunded} of ${order?.amount ?? '?'} kopecks`,
      ...(args.notificationId !== undefined ? { notificationId: args.notificationId } : {}),
    },
    log,
  );
  log.info({ refundId: refund.id, orderId: refund.orderId, amount: refund.amount }, 'refund completed');
  return 'applied';
}
