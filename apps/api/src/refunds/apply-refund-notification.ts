import type { OrderNotification } from '@checkout/invoicebox';
import { eq, or } from 'drizzle-orm';
import type { Tx } from '../db/client.js';
import { refunds } from '../db/schema.js';
import { type NotificationPlan, refuse, sameAmount, statusOf, success } from '../lib/notification-plan.js';
import type { Logger } from '../logger.js';
import { isUuid } from '../orders/load-order.js';
import { completeRefund } from './complete-refund.js';
import { canTransitionRefund, transitionRefund } from './transitions.js';

const correctionOf = (merchantOrderId: string) => {
  const id = merchantOrderId.endsWith('-fee') ? merchantOrderId.slice(0, -4) : '';
  return isUuid(id) ? id : null;
};

/** What a notification about one of our refunds means for it (order_not_found when it is no refund of ours). */
export async function planRefundNotification(
  tx: Tx,
  n: OrderNotification,
  log: Logger,
): Promise<NotificationPlan> {
  const ourId = n.merchantOrderId ?? '';
  const corrected = correctionOf(ourId);
  if (corrected) {
    // A fee refund's correction order is paid out of the refund at once: nothing of ours changes with it.
    const [refund] = await tx
      .select({ orderId: refunds.orderId })
      .from(refunds)
      .where(eq(refunds.id, corrected));
    if (refund) return success('ignored', refund.orderId);
  }
  const [refund] = await tx
    .select()
    .from(refunds)
    .where(
      isUuid(ourId)
        ? or(eq(refunds.id, ourId), eq(refunds.invoiceboxRefundId, n.id))
        : eq(refunds.invoiceboxRefundId, n.id),
    )
    .for('update');
  if (!refund) return refuse('order_not_found', `no order or refund ${ourId || n.id} in this shop`);
  if (!sameAmount(n.amount, refund.amount)) {
    return refuse(
      'order_wrong_amount',
      `refund amount differs from ours (${refund.amount} kopecks)`,
      refund.orderId,
    );
  }
  const remote = statusOf(n);
  const current = refund.status;
  if (remote === 'completed' && canTransitionRefund(current, 'completed')) {
    return success('applied', refund.orderId, (notificationId) =>
      completeRefund(
        tx,
        {
          refundId: refund.id,
          invoiceboxRefundId: n.id,
          source: 'notification',
          reason: `refund notification ${n.id}`,
          notificationId,
          lockedStatus: current,
        },
        log,
      ),
    );
  }
  if (remote === 'canceled' && canTransitionRefund(current, 'canceled')) {
    return success('applied', refund.orderId, () =>
      transitionRefund(
        tx,
        { refundId: refund.id, to: 'canceled', reason: `refund notification ${n.id}`, lockedStatus: current },
        log,
      ),
    );
  }
  if ((remote === 'completed' || remote === 'canceled') && current !== remote) {
    log.warn(
      { refundId: refund.id, from: current, to: remote },
      'refund notification asks for an illegal transition',
    );
  }
  return success(remote === 'completed' && current === 'completed' ? 'unchanged' : 'ignored', refund.orderId);
}
