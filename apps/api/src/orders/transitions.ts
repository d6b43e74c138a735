import { and, eq, type SQL, sql } from 'drizzle-orm';
import type { DbOrTx, Tx } from '../db/client.js';
import { orderEvents, orders } from '../db/schema.js';
import { runPrepared } from '../lib/prepared.js';
import type { Logger } from '../logger.js';
import { countTransition } from '../metrics.js';
import { isOrderStatus, type OrderStatus, type TransitionSource } from './status.js';

/**
 * The order state machine: the ONLY code that writes orders.status. Webhook, sync, reconciler, checkout and
 * staff actions all come through transitionOrder; the webhook's commonest case (awaiting_payment -> paid) has
 * a one-statement form, payFromNotification, below.
 */
export const ALLOWED_TRANSITIONS: Readonly<Record<OrderStatus, readonly OrderStatus[]>> = {
  // pending -> paid/canceled/expired: an order whose creation result was unknown can be found already settled.
  pending: ['awaiting_payment', 'failed', 'held', 'paid', 'canceled', 'expired'],
  awaiting_payment: ['held', 'paid', 'canceled', 'expired', 'failed'],
  // A hold is captured by a final shipment (paid) or released in full (canceled).
  held: ['paid', 'canceled'],
  paid: ['partially_refunded', 'refunded'],
  partially_refunded: ['refunded'],
  refunded: [],
  failed: [],
  canceled: [],
  expired: [],
};

export const canTransition = (from: OrderStatus, to: OrderStatus): boolean =>
  ALLOWED_TRANSITIONS[from].includes(to);

export type OrderPatch = Partial<
  Pick<
    typeof orders.$inferInsert,
    | 'invoiceboxOrderId'
    | 'paymentUrl'
    | 'failureReason'
    | 'paidAt'
    | 'createAttempts'
    | 'expiresAt'
    | 'placingUntil'
  >
>;

export type TransitionRequest = {
  orderId: string;
  to: OrderStatus;
  source: TransitionSource;
  reason: string;
  /** Extra columns written in the same guarded UPDATE (e.g. the Invoicebox id with awaiting_payment). */
  patch?: OrderPatch;
  notificationId?: string;
  /** The status the caller read with SELECT … FOR UPDATE in this transaction (saves a round trip). */
  lockedStatus?: OrderStatus;
};

export type TransitionResult =
  | { outcome: 'applied'; from: OrderStatus; to: OrderStatus }
  | { outcome: 'unchanged'; status: OrderStatus }
  | { outcome: 'illegal'; from: OrderStatus; to: OrderStatus }
  | { outcome: 'not_found' };

/**
 * Applies one status change inside the caller's transaction. The row is locked, the table consulted, and the
 * UPDATE is guarded by the status we read, so two replicas can never both apply a change.
 */
export async function transitionOrder(
  tx: Tx,
  change: TransitionRequest,
  log: Logger,
): Promise<TransitionResult> {
  const [row] = change.lockedStatus
    ? [{ status: change.lockedStatus }]
    : await tx
        .select({ status: orders.status })
        .from(orders)
        .where(eq(orders.id, change.orderId))
        .for('update')
        .prepare('lock_order')
        .execute();
  if (!row) return { outcome: 'not_found' };
  const from = row.status;
  if (!isOrderStatus(from)) throw new Error(`order ${change.orderId} has an unknown status ${from}`);
  if (from === change.to) return { outcome: 'unchanged', status: from };
  if (!canTransition(from, change.to)) {
    log.warn(
      { orderId: change.orderId, from, to: change.to, source: change.source, reason: change.reason },
      'illegal order transition refused',
    );
    return { outcome: 'illegal', from, to: change.to };
  }
  // Money held or taken: the first such moment is kept (a capture keeps the hold's paidAt).
  const paidAt =
    change.to === 'paid' || change.to === 'held'
      ? sql`coalesce(${orders.paidAt}, ${(change.patch?.paidAt ?? new Date()).toISOString()}::timestamptz)`
      : change.patch?.paidAt;
  const update = tx
    .update(orders)
    .set({ ...change.patch, ...(paidAt ? { paidAt } : {}), status: change.to, updatedAt: sql`now()` })
    .where(and(eq(orders.id, change.orderId), eq(orders.status, from)))
    .returning({ id: orders.id })
    // Named: postgres.js then keeps it prepared per connection (no describe round trip on every change).
    .prepare('guarded_status_update')
    .execute();
  const event = tx
    .insert(orderEvents)
    .values({
      orderId: change.orderId,
      fromStatus: from,
      toStatus: change.to,
      source: change.source,
      reason: change.reason,
      notificationId: change.notificationId,
    })
    .prepare('record_order_event')
    .execute();
  // Both go out together (pipelined on the transaction's connection); a failed guard rolls both back.
  const [updated] = await Promise.all([update, event]);
  if (updated.length === 0) {
    // Cannot happen while we hold the row lock; kept as the guard the design relies on.
    throw new Error(`order ${change.orderId} changed under a row lock`);
  }
  log.info({ orderId: change.orderId, from, to: change.to, source: change.source }, 'order status changed');
  countTransition(from, change.to, change.source);
  return { outcome: 'applied', from, to: change.to };
}

export type PaidNotification = {
  notificationId: string;
  invoiceboxId: string;
  merchantOrderId: string | null;
  /** The notification's own status word ('completed' or 'success'), recorded as received. */
  status: string;
  subtype: string | null;
  bodySha256: string;
  rawBody: string;
  /** Ours, in kopecks, already converted from the wire; the order must match them exactly. */
  amount: number;
  currency: string;
  paidAt: Date | null;
  reason: string;
};

if (!canTransition('awaiting_payment', 'paid'))
  throw new Error('payFromNotification assumes awaiting_payment -> paid');

/** payFromNotification's one statement (the notification bench sends the same one as its floor). */
export function payFromNotificationStatement(n: PaidNotification): SQL {
  return sql`
    WITH locked AS (
      SELECT id FROM orders
      WHERE invoicebox_order_id = ${n.invoiceboxId} AND status = 'awaiting_payment'
        AND amount = ${n.amount} AND currency = ${n.currency}
      FOR UPDATE
    ), recorded AS (
      INSERT INTO notifications (id, order_id, invoicebox_id, merchant_order_id, status, subtype, body_sha256,
        raw_body, signature_valid, answer, outcome)
      SELECT ${n.notificationId}::uuid, locked.id, ${n.invoiceboxId}, ${n.merchantOrderId}, ${n.status},
        ${n.subtype}, ${n.bodySha256}, ${n.rawBody}, true, '{"status":"success"}'::jsonb, 'applied'
      FROM locked
      ON CONFLICT DO NOTHING
      RETURNING order_id
    ), changed AS (
      UPDATE orders SET status = 'paid', paid_at = coalesce(${n.paidAt?.toISOString() ?? null}::timestamptz, now()),
        updated_at = now()
      FROM recorded
      WHERE orders.id = recorded.order_id AND orders.status = 'awaiting_payment'
      RETURNING orders.id
    )
    INSERT INTO order_events (order_id, from_status, to_status, source, reason, notification_id)
    SELECT id, 'awaiting_payment', 'paid', 'notification', ${n.reason}, ${n.notificationId}::uuid FROM changed
    RETURNING order_id`;
}

/**
 * The notification route's common case as ONE statement, so it costs one round trip instead of a transaction:
 * an order awaiting payment, with the same amount and currency, becomes paid; the notification record, the
 * guarded UPDATE and the event commit together or not at all. Returns the order id, or null when anything else
 * holds (another status, a different amount, a body seen before): the caller then takes the general path,
 * which decides every other answer under the row lock.
 */
export async function payFromNotification(
  db: DbOrTx,
  n: PaidNotification,
  log: Logger,
): Promise<string | null> {
  const rows = await runPrepared<{ order_id: string }>(
    db,
    'pay_from_notification',
    payFromNotificationStatement(n),
  );
  const orderId = rows[0]?.order_id ?? null;
  if (orderId) {
    countTransition('awaiting_payment', 'paid', 'notification');
    log.info(
      { orderId, from: 'awaiting_payment', to: 'paid', source: 'notification' },
      'order status changed',
    );
  }
  return orderId;
}
