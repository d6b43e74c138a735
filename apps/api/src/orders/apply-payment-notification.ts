import type { OrderNotification } from '@checkout/invoicebox';
import { and, eq, inArray, or } from 'drizzle-orm';
import type { Tx } from '../db/client.js';
import { notifications, orderEvents, orders } from '../db/schema.js';
import type { Deps } from '../deps.js';
import {
  type NotificationPlan,
  refuse,
  sameAmount,
  statusOf,
  success,
  wireKopecks,
} from '../lib/notification-plan.js';
import type { Logger } from '../logger.js';
import { isUuid } from './load-order.js';
import { applyRemoteOrderState, targetForInvoiceboxStatus, warnUnexpectedHold } from './remote-status.js';
import { type OrderStatus, PAID_STATUSES } from './status.js';
import { canTransition, payFromNotification } from './transitions.js';

function paidAtOf(n: OrderNotification): Date | null {
  const value = (n as { paidAt?: unknown }).paidAt;
  const date = typeof value === 'string' ? new Date(value) : null;
  return date && !Number.isNaN(date.getTime()) ? date : null;
}

/**
 * The notification route's common case, paid in one statement (see payFromNotification): the order id, or null
 * when the notification is anything else and needs planOrderNotification under the row lock.
 */
export async function payFromPaidNotification(
  deps: Deps,
  n: OrderNotification,
  record: { notificationId: string; bodySha256: string; rawBody: string },
  log: Logger,
): Promise<string | null> {
  const status = String(n.status);
  const amount = wireKopecks(n.amount);
  if (targetForInvoiceboxStatus(status) !== 'paid' || amount === null || typeof n.currencyId !== 'string')
    return null;
  // Field by field: a spread followed by more fields costs this hot path microseconds (V8 copies slowly).
  return payFromNotification(
    deps.db,
    {
      notificationId: record.notificationId,
      bodySha256: record.bodySha256,
      rawBody: record.rawBody,
      invoiceboxId: n.id,
      merchantOrderId: n.merchantOrderId ?? null,
      status,
      subtype: typeof n.subtype === 'string' ? n.subtype : null,
      amount,
      currency: n.currencyId,
      paidAt: paidAtOf(n),
      reason: `notification ${n.id}: ${status}`,
    },
    log,
  );
}

/**
 * The plan for an order notification, or null when no order of ours matches (it may be about a refund).
 * `holdPayments` is the shop's setting: a hold is applied either way, with a warning when the setting is off.
 */
export async function planOrderNotification(
  tx: Tx,
  n: OrderNotification,
  log: Logger,
  holdPayments = false,
): Promise<NotificationPlan | null> {
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
  if (target === 'held' && (await holdIsOldNews(tx, order.id, current))) {
    // Delivered after the capture or the release it led to (retries are not ordered): nothing to change.
    return success('unchanged', order.id);
  }
  if (!target || target === current) return success(target ? 'unchanged' : 'ignored', order.id);
  if (!canTransition(current, target)) {
    log.warn({ orderId: order.id, from: current, to: target }, 'notification asks for an illegal transition');
    return PAID_STATUSES.includes(current)
      ? refuse('order_already_paid', `order ${order.id} is ${current}; cannot become ${target}`, order.id)
      : refuse('order_wrong_status', `order ${order.id} is ${current}; cannot become ${target}`, order.id);
  }
  const paidAt = (n as { paidAt?: string | null }).paidAt ?? null;
  if (target === 'held') warnUnexpectedHold(holdPayments, order.id, log);
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

/** A hold is stale once the money was taken, or once the order was released (canceled after being held). */
async function holdIsOldNews(tx: Tx, orderId: string, current: OrderStatus): Promise<boolean> {
  if (PAID_STATUSES.includes(current)) return true;
  if (current !== 'canceled') return false;
  const [held] = await tx
    .select({ id: orderEvents.id })
    .from(orderEvents)
    .where(and(eq(orderEvents.orderId, orderId), eq(orderEvents.toStatus, 'held')))
    .limit(1);
  return held !== undefined;
}
