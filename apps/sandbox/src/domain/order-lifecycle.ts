import { wrongOrderStatus } from '../api-error.js';
import type { SandboxContext } from '../context.js';
import { atomNow, timeOf } from '../time.js';
import type { OrderRecord, PaymentAttempt } from '../types.js';
import { paidStatus, releaseHold } from './holds.js';
import { notifyOrder } from './order-notifications.js';

/** Expires an unpaid order whose expirationDate has passed (called lazily on reads and by the sweep timer). */
export function refreshExpiry(ctx: SandboxContext, record: OrderRecord, now = Date.now()): OrderRecord {
  if (record.order.status === 'created' && timeOf(record.order.expirationDate) <= now) {
    record.order.status = 'expired';
    ctx.store.changed();
    notifyOrder(ctx, record, 'expiry');
  }
  return record;
}

export function sweepExpired(ctx: SandboxContext) {
  const now = Date.now();
  for (const record of Object.values(ctx.store.data.orders)) refreshExpiry(ctx, record, now);
}

function requireCreated(ctx: SandboxContext, record: OrderRecord, action: string) {
  refreshExpiry(ctx, record);
  if (record.order.status !== 'created') throw wrongOrderStatus(record.order.status, action);
}

export function payOrder(
  ctx: SandboxContext,
  record: OrderRecord,
  attempt: Omit<PaymentAttempt, 'at' | 'outcome'>,
) {
  requireCreated(ctx, record, 'pay');
  const at = atomNow();
  record.order.status = paidStatus(ctx, record.order);
  record.order.paidAt = at;
  record.attempts.push({ ...attempt, at, outcome: 'paid' });
  ctx.store.changed();
  notifyOrder(ctx, record, 'payment');
}

/** A declined card: the order stays `created` so the shopper can try again; nothing is notified. */
export function declineOrder(
  ctx: SandboxContext,
  record: OrderRecord,
  attempt: Omit<PaymentAttempt, 'at' | 'outcome'>,
) {
  requireCreated(ctx, record, 'decline a payment of');
  record.attempts.push({ ...attempt, at: atomNow(), outcome: 'declined' });
  ctx.store.changed();
}

export function issueInvoice(ctx: SandboxContext, record: OrderRecord) {
  requireCreated(ctx, record, 'issue an invoice for');
  record.attempts.push({ method: 'invoice', at: atomNow(), outcome: 'invoice_issued' });
  ctx.store.changed();
}

export function cancelOrder(ctx: SandboxContext, record: OrderRecord) {
  if (record.order.status === 'hold') return releaseHold(ctx, record);
  requireCreated(ctx, record, 'cancel');
  record.order.status = 'canceled';
  ctx.store.changed();
  notifyOrder(ctx, record, 'cancellation');
}

/** Control API: expire now, whatever the expirationDate says. */
export function expireOrder(ctx: SandboxContext, record: OrderRecord) {
  requireCreated(ctx, record, 'expire');
  record.order.status = 'expired';
  record.order.expirationDate = atomNow();
  ctx.store.changed();
  notifyOrder(ctx, record, 'expiry');
}
