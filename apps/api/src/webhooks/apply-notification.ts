import { createHash } from 'node:crypto';
import {
  normalizeOrderStatus,
  notificationReply,
  type OrderNotification,
  toKopecks,
} from '@checkout/invoicebox';
import { and, eq, inArray, ne, or, sql } from 'drizzle-orm';
import type { Tx } from '../db/client.js';
import { type NotificationAnswer, notifications, orders, refunds } from '../db/schema.js';
import type { Deps } from '../deps.js';
import type { Logger } from '../logger.js';
import { isUuid } from '../orders/load-order.js';
import { applyRemoteOrderState, targetForInvoiceboxStatus } from '../orders/remote-status.js';
import { type OrderStatus, PAID_STATUSES } from '../orders/status.js';
import { completeRefund } from '../refunds/complete-refund.js';

type Effect = { answer: NotificationAnswer; outcome: string; orderId: string | null };

const success = (outcome: string, orderId: string | null): Effect => ({
  answer: notificationReply.success() as NotificationAnswer,
  outcome,
  orderId,
});
const refuse = (code: string, message: string, orderId: string | null = null): Effect => ({
  answer: notificationReply.error(
    code as Parameters<typeof notificationReply.error>[0],
    message,
  ) as NotificationAnswer,
  outcome: code,
  orderId,
});

export const sha256Hex = (raw: Uint8Array) => createHash('sha256').update(raw).digest('hex');

/** Our amount in kopecks against the wire amount in roubles; an unreadable amount never matches. */
function sameAmount(wire: unknown, ours: number): boolean {
  try {
    return toKopecks(wire as number) === ours;
  } catch {
    return false;
  }
}

/**
 * A verified notification: recorded and applied in ONE transaction. The unique key (Invoicebox id, status,
 * body hash) makes a repeated delivery a no-op that gets the first delivery's answer again, even when 100
 * copies arrive at once on several replicas.
 */
export async function applyNotification(
  deps: Deps,
  n: OrderNotification,
  raw: Buffer,
  log: Logger,
): Promise<NotificationAnswer> {
  const bodySha256 = sha256Hex(raw);
  const status = String(n.status);
  const isRefund = n.subtype === 'refund' || Boolean((n as { parentId?: unknown }).parentId);
  return deps.db.transaction(async (tx) => {
    const [row] = await tx
      .insert(notifications)
      .values({
        invoiceboxId: n.id,
        merchantOrderId: n.merchantOrderId ?? null,
        status,
        subtype: typeof n.subtype === 'string' ? n.subtype : null,
        bodySha256,
        rawBody: raw.toString('utf8'),
        signatureValid: true,
        answer: { status: 'success' },
        outcome: 'processing',
      })
      .onConflictDoNothing()
      .returning({ id: notifications.id });
    if (!row) {
      const [first] = await tx
        .update(notifications)
        .set({ deliveries: sql`${notifications.deliveries} + 1` })
        .where(
          and(
            eq(notifications.invoiceboxId, n.id),
            eq(notifications.status, status),
            eq(notifications.bodySha256, bodySha256),
          ),
        )
        .returning({ answer: notifications.answer });
      log.info({ invoiceboxId: n.id, status }, 'duplicate notification: answering as before');
      return first?.answer ?? (notificationReply.success() as NotificationAnswer);
    }
    const effect = isRefund
      ? await applyRefundNotification(tx, n, row.id, log)
      : await applyOrderNotification(tx, n, row.id, log);
    await tx
      .update(notifications)
      .set({ answer: effect.answer, outcome: effect.outcome, orderId: effect.orderId })
      .where(eq(notifications.id, row.id));
    log.info(
      { invoiceboxId: n.id, status, orderId: effect.orderId, outcome: effect.outcome },
      'notification processed',
    );
    return effect.answer;
  });
}

async function applyOrderNotification(
  tx: Tx,
  n: OrderNotification,
  notificationId: number,
  log: Logger,
): Promise<Effect> {
  const merchantOrderId = n.merchantOrderId ?? '';
  // The row lock serialises every notification, sync and staff action touching this order.
  const [order] = await tx
    .select()
    .from(orders)
    .where(
      isUuid(merchantOrderId)
        ? or(eq(orders.invoiceboxOrderId, n.id), eq(orders.id, merchantOrderId))
        : eq(orders.invoiceboxOrderId, n.id),
    )
    .for('update');
  if (!order) return refuse('order_not_found', `no order ${merchantOrderId || n.id} in this shop`);
  if (order.invoiceboxOrderId && order.invoiceboxOrderId !== n.id) {
    return refuse(
      'order_not_found',
      `order ${order.id} belongs to Invoicebox order ${order.invoiceboxOrderId}`,
    );
  }
  if (!sameAmount(n.amount, order.amount) || n.currencyId !== order.currency) {
    log.warn(
      { orderId: order.id, invoiceboxId: n.id },
      'notification amount or currency differs from the order',
    );
    return refuse(
      'order_wrong_amount',
      `expected ${(order.amount / 100).toFixed(2)} ${order.currency}, got ${String(n.amount)} ${String(n.currencyId)}`,
      order.id,
    );
  }
  const target = targetForInvoiceboxStatus(status(n));
  if (!target) return success('ignored', order.id);
  const current = order.status as OrderStatus;
  if (target === 'paid' && PAID_STATUSES.includes(current)) {
    const [earlier] = await tx
      .select({ id: notifications.id })
      .from(notifications)
      .where(
        and(
          eq(notifications.orderId, order.id),
          eq(notifications.outcome, 'applied'),
          inArray(notifications.status, ['completed', 'success']),
          ne(notifications.id, notificationId),
        ),
      )
      .limit(1);
    // Paid by sync or the reconciler: this notification merely confirms it.
    return earlier
      ? refuse('order_already_paid', `order ${order.id} was already paid by another notification`, order.id)
      : success('unchanged', order.id);
  }
  const result = await applyRemoteOrderState(
    tx,
    {
      orderId: order.id,
      remote: { status: status(n), paidAt: (n as { paidAt?: string | null }).paidAt ?? null },
      source: 'notification',
      reason: `notification ${n.id}: ${status(n)}`,
      notificationId,
    },
    log,
  );
  switch (result.outcome) {
    case 'applied':
      return success('applied', order.id);
    case 'illegal':
      return PAID_STATUSES.includes(result.from)
        ? refuse(
            'order_already_paid',
            `order ${order.id} is ${result.from}; cannot become ${result.to}`,
            order.id,
          )
        : refuse(
            'order_wrong_status',
            `order ${order.id} is ${result.from}; cannot become ${result.to}`,
            order.id,
          );
    default:
      return success('unchanged', order.id);
  }
}

async function applyRefundNotification(
  tx: Tx,
  n: OrderNotification,
  notificationId: number,
  log: Logger,
): Promise<Effect> {
  const ourId = n.merchantOrderId ?? '';
  const [refund] = await tx
    .select()
    .from(refunds)
    .where(
      isUuid(ourId)
        ? or(eq(refunds.id, ourId), eq(refunds.invoiceboxRefundId, n.id))
        : eq(refunds.invoiceboxRefundId, n.id),
    )
    .for('update');
  if (!refund) return refuse('order_not_found', `no refund ${ourId || n.id} in this shop`);
  if (!sameAmount(n.amount, refund.amount)) {
    return refuse(
      'order_wrong_amount',
      `refund amount differs from ours (${refund.amount} kopecks)`,
      refund.orderId,
    );
  }
  const remote = status(n);
  if (remote === 'completed') {
    const outcome = await completeRefund(
      tx,
      {
        refundId: refund.id,
        invoiceboxRefundId: n.id,
        source: 'notification',
        reason: `refund notification ${n.id}`,
        notificationId,
      },
      log,
    );
    return success(outcome === 'applied' ? 'applied' : 'unchanged', refund.orderId);
  }
  if (remote === 'canceled' && refund.status !== 'completed') {
    await tx
      .update(refunds)
      .set({ status: 'canceled', updatedAt: sql`now()` })
      .where(eq(refunds.id, refund.id));
    return success('applied', refund.orderId);
  }
  if (!refund.invoiceboxRefundId) {
    await tx.update(refunds).set({ invoiceboxRefundId: n.id }).where(eq(refunds.id, refund.id));
  }
  return success('ignored', refund.orderId);
}

const status = (n: OrderNotification): string =>
  normalizeOrderStatus(String(n.status) as Parameters<typeof normalizeOrderStatus>[0]) as string;
