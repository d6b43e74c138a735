import { and, eq, inArray, notInArray, sql } from 'drizzle-orm';
import type { Tx } from '../db/client.js';
import { orders, refunds } from '../db/schema.js';
import type { Logger } from '../logger.js';
import type { TransitionSource } from '../orders/status.js';
import { transitionOrder } from '../orders/transitions.js';

export type RefundRow = typeof refunds.$inferSelect;

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
  },
  log: Logger,
): Promise<'applied' | 'unchanged' | 'not_found'> {
  const [refund] = await tx
    .update(refunds)
    .set({
      status: 'completed',
      completedAt: sql`now()`,
      updatedAt: sql`now()`,
      ...(args.invoiceboxRefundId ? { invoiceboxRefundId: args.invoiceboxRefundId } : {}),
    })
    .where(and(eq(refunds.id, args.refundId), notInArray(refunds.status, ['completed'])))
    .returning();
  if (!refund) {
    const [exists] = await tx.select({ id: refunds.id }).from(refunds).where(eq(refunds.id, args.refundId));
    return exists ? 'unchanged' : 'not_found';
  }
  const [order] = await tx
    .select({ amount: orders.amount })
    .from(orders)
    .where(eq(orders.id, refund.orderId));
  const [sum] = await tx
    .select({ total: sql<number>`coalesce(sum(${refunds.amount}), 0)::int` })
    .from(refunds)
    .where(and(eq(refunds.orderId, refund.orderId), inArray(refunds.status, ['completed'])));
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
