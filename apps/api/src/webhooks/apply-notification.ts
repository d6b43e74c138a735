import { createHash, randomUUID } from 'node:crypto';
import {
  normalizeOrderStatus,
  notificationReply,
  type OrderNotification,
  toKopecks,
} from '@checkout/invoicebox';
import { and, eq, inArray, or, sql } from 'drizzle-orm';
import type { Tx } from '../db/client.js';
import { type NotificationAnswer, notifications, orders, refunds } from '../db/schema.js';
import type { Deps } from '../deps.js';
import type { Logger } from '../logger.js';
import { isUuid } from '../orders/load-order.js';
import { applyRemoteOrderState, targetForInvoiceboxStatus } from '../orders/remote-status.js';
import { type OrderStatus, PAID_STATUSES } from '../orders/status.js';
import { canTransition, payFromNotification } from '../orders/transitions.js';
import { completeRefund } from '../refunds/complete-refund.js';
import { canTransitionRefund, transitionRefund } from '../refunds/transitions.js';

/** What a notification will do, decided under the row lock before anything is written. */
type Plan = {
  answer: NotificationAnswer;
  outcome: string;
  orderId: string | null;
  apply?: (notificationId: string) => Promise<unknown>;
};

const success = (outcome: string, orderId: string | null, apply?: Plan['apply']): Plan => ({
  answer: notificationReply.success() as NotificationAnswer,
  outcome,
  orderId,
  ...(apply ? { apply } : {}),
});
const refuse = (code: string, message: string, orderId: string | null = null): Plan => ({
  answer: notificationReply.error(
    code as Parameters<typeof notificationReply.error>[0],
    message,
  ) as NotificationAnswer,
  outcome: code,
  orderId,
});

export const sha256Hex = (raw: Uint8Array) => createHash('sha256').update(raw).digest('hex');

const DECIMAL_AMOUNT = /^\d{1,15}(\.\d{1,2})?$/;

/** The wire amount in kopecks, or null when unreadable (so it never matches ours). */
function wireKopecks(wire: unknown): number | null {
  // Invoicebox sends a JSON number; PHP code around it writes "3698.00" too (the Bitrix module does), so a plain
  // decimal string is read the same way. Anything else never matches.
  const value = typeof wire === 'string' && DECIMAL_AMOUNT.test(wire) ? Number(wire) : wire;
  if (typeof value !== 'number') return null;
  try {
    return toKopecks(value);
  } catch {
    return null;
  }
}

const sameAmount = (wire: unknown, ours: number): boolean => wireKopecks(wire) === ours;

function paidAtOf(n: OrderNotification): Date | null {
  const value = (n as { paidAt?: unknown }).paidAt;
  const date = typeof value === 'string' ? new Date(value) : null;
  return date && !Number.isNaN(date.getTime()) ? date : null;
}

const statusOf = (n: OrderNotification): string =>
  normalizeOrderStatus(String(n.status) as Parameters<typeof normalizeOrderStatus>[0]) as string;

// Hot-path statements use drizzle's .prepare(): on postgres.js that makes the driver keep a named prepared
// statement per connection instead of a describe round trip before every query (2x fewer round trips).

/**
 * A verified notification, recorded and applied in ONE transaction. The order (or refund) row is locked first,
 * so every delivery about it is serialised; the unique key (Invoicebox id, status, body hash) then turns a
 * repeated delivery into a no-op that gets the first delivery's answer again, even when 100 copies arrive at
 * once on several replicas.
 */
export async function applyNotification(
  deps: Deps,
  n: OrderNotification,
  raw: Buffer,
  log: Logger,
): Promise<NotificationAnswer> {
  const bodySha256 = sha256Hex(raw);
  const status = String(n.status);
  // A refund order carries the paid order as `parentId` (RefundOrderResponse). `subtype: "refund"` is not
  // documented; it is still read, and a refund with neither is found by its ids (planOrder falls back below).
  const isRefund = n.subtype === 'refund' || Boolean((n as { parentId?: unknown }).parentId);
  const amount = wireKopecks(n.amount);
  if (
    !isRefund &&
    targetForInvoiceboxStatus(status) === 'paid' &&
    amount !== null &&
    typeof n.currencyId === 'string'
  ) {
    const orderId = await payFromNotification(
      deps.db,
      {
        notificationId: randomUUID(),
        invoiceboxId: n.id,
        merchantOrderId: n.merchantOrderId ?? null,
        status,
        subtype: typeof n.subtype === 'string' ? n.subtype : null,
        bodySha256,
        rawBody: raw.toString('utf8'),
        amount,
        currency: n.currencyId,
        paidAt: paidAtOf(n),
        reason: `notification ${n.id}: ${status}`,
      },
      log,
    );
    if (orderId) {
      log.info({ invoiceboxId: n.id, status, orderId, outcome: 'applied' }, 'notification processed');
      return notificationReply.success() as NotificationAnswer;
    }
  }
  return deps.db.transaction(async (tx) => {
    const plan = isRefund
      ? await planRefund(tx, n, log)
      : ((await planOrder(tx, n, log)) ?? (await planRefund(tx, n, log)));
    const id = randomUUID();
    const record = {
      id,
      orderId: plan.orderId,
      invoiceboxId: n.id,
      merchantOrderId: n.merchantOrderId ?? null,
      status,
      subtype: typeof n.subtype === 'string' ? n.subtype : null,
      bodySha256,
      rawBody: raw.toString('utf8'),
      signatureValid: true,
      answer: plan.answer,
      outcome: plan.outcome,
    };
    if (plan.apply) {
      // Under the row lock a change is only planned when this body has never been recorded (a repeat would see
      // the changed status), so the record and the change go out together; a unique violation would roll back.
      await Promise.all([
        tx.insert(notifications).values(record).prepare('record_notification').execute(),
        plan.apply(id),
      ]);
    } else {
      const [row] = await tx
        .insert(notifications)
        .values(record)
        .onConflictDoNothing()
        .returning({ id: notifications.id })
        .prepare('record_notification_once')
        .execute();
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
    }
    log.info(
      { invoiceboxId: n.id, status, orderId: plan.orderId, outcome: plan.outcome },
      'notification processed',
    );
    return plan.answer;
  });
}

/** The plan for an order notification, or null when no order of ours matches (it may be about a refund). */
async function planOrder(tx: Tx, n: OrderNotification, log: Logger): Promise<Plan | null> {
  const merchantOrderId = n.merchantOrderId ?? '';
  const [order] = await tx
    .select({
      id: orders.id,
      status: orders.status,
      amount: orders.amount,
      currency: orders.currency,
      invoiceboxOrderId: orders.invoiceboxOrderId,
    })
    .from(orders)
    .where(
      isUuid(merchantOrderId)
        ? or(eq(orders.invoiceboxOrderId, n.id), eq(orders.id, merchantOrderId))
        : eq(orders.invoiceboxOrderId, n.id),
    )
    .for('update')
    .prepare('lock_order_for_notification')
    .execute();
  if (!order) return null;
  const remote = statusOf(n);
  const target = targetForInvoiceboxStatus(remote);
  const current = order.status as OrderStatus;
  if (order.invoiceboxOrderId && order.invoiceboxOrderId !== n.id) {
    // The contract's answer when the order was paid by another Invoicebox order (or instrument).
    return target === 'paid' && PAID_STATUSES.includes(current)
      ? refuse(
          'order_already_paid',
          `order ${order.id} is already paid through Invoicebox order ${order.invoiceboxOrderId}`,
          order.id,
        )
      : refuse('order_not_found', `order ${order.id} belongs to Invoicebox order ${order.invoiceboxOrderId}`);
  }
  if (n.currencyId !== order.currency) {
    log.warn({ orderId: order.id, invoiceboxId: n.id }, 'notification currency differs from the order');
    return refuse(
      'order_wrong_currency',
      `expected ${order.currency}, got ${String(n.currencyId).slice(0, 10)}`,
      order.id,
    );
  }
  if (!sameAmount(n.amount, order.amount)) {
    log.warn({ orderId: order.id, invoiceboxId: n.id }, 'notification amount differs from the order');
    return refuse(
      'order_wrong_amount',
      `expected ${(order.amount / 100).toFixed(2)} ${order.currency}, got ${String(n.amount).slice(0, 20)}`,
      order.id,
    );
  }
  if (target === 'paid' && PAID_STATUSES.includes(current)) {
    const [earlier] = await tx
      .select({ id: notifications.id })
      .from(notifications)
      .where(
        and(
          eq(notifications.orderId, order.id),
          eq(notifications.outcome, 'applied'),
          inArray(notifications.status, ['completed', 'success']),
        ),
      )
      .limit(1);
    // Paid through sync or the reconciler: this notification merely confirms it.
    return earlier
      ? refuse('order_already_paid', `order ${order.id} was already paid by another notification`, order.id)
      : success('unchanged', order.id);
  }
  if (!target || target === current) return success(target ? 'unchanged' : 'ignored', order.id);
  if (!canTransition(current, target)) {
    log.warn({ orderId: order.id, from: current, to: target }, 'notification asks for an illegal transition');
    return PAID_STATUSES.includes(current)
      ? refuse('order_already_paid', `order ${order.id} is ${current}; cannot become ${target}`, order.id)
      : refuse('order_wrong_status', `order ${order.id} is ${current}; cannot become ${target}`, order.id);
  }
  const paidAt = (n as { paidAt?: string | null }).paidAt ?? null;
  return success('applied', order.id, (notificationId) =>
    applyRemoteOrderState(
      tx,
      {
        orderId: order.id,
        remote: { status: remote, paidAt },
        source: 'notification',
        reason: `notification ${n.id}: ${String(n.status)}`,
        notificationId,
        lockedStatus: current,
      },
      log,
    ),
  );
}

async function planRefund(tx: Tx, n: OrderNotification, log: Logger): Promise<Plan> {
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
