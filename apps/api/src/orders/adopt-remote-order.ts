import { sql } from 'drizzle-orm';
import type { Deps } from '../deps.js';
import { BadGateway } from '../errors.js';
import { runPrepared } from '../lib/prepared.js';
import type { Logger } from '../logger.js';
import { countTransition } from '../metrics.js';
import type { RemoteOrder } from './invoicebox-gateway.js';
import { paymentUrlProblem } from './payment-url.js';
import { applyRemoteOrderState, targetForInvoiceboxStatus } from './remote-status.js';
import { canTransition, transitionOrder } from './transitions.js';

if (!canTransition('pending', 'awaiting_payment'))
  throw new Error('adoptRemoteOrder assumes pending -> awaiting_payment');

/**
 * Stores Invoicebox's id and link and releases the placing lease, then moves the order on to match Invoicebox's
 * status. The commonest case (our pending order, Invoicebox's fresh one) is one guarded statement; anything
 * else goes through the state machine under the row lock.
 */
export async function adoptRemoteOrder(deps: Deps, orderId: string, remote: RemoteOrder, log: Logger) {
  const badLink = paymentUrlProblem(remote.paymentUrl, deps.config.invoiceboxApiUrl);
  const settled = targetForInvoiceboxStatus(remote.status);
  // An order Invoicebox already settled needs no link: keep its state, drop the link.
  if (badLink && settled === null) return refuseBadPaymentUrl(deps, orderId, remote, badLink, log);
  const paymentUrl = badLink ? null : (remote.paymentUrl ?? null);
  const reason = `created at Invoicebox as ${remote.id}`;
  if (settled === null && (await awaitPayment(deps, orderId, remote.id, paymentUrl, reason))) {
    countTransition('pending', 'awaiting_payment', 'checkout');
    log.info(
      { orderId, from: 'pending', to: 'awaiting_payment', source: 'checkout' },
      'order status changed',
    );
    return { orderId, paymentUrl: paymentUrl ?? '' };
  }
  await deps.db.transaction(async (tx) => {
    await transitionOrder(
      tx,
      {
        orderId,
        to: 'awaiting_payment',
        source: 'checkout',
        reason,
        patch: { invoiceboxOrderId: remote.id, paymentUrl, placingUntil: null },
      },
      log,
    );
    await applyRemoteOrderState(
      tx,
      { orderId, remote, source: 'checkout', reason: `Invoicebox reports ${remote.status} at creation` },
      log,
    );
  });
  return { orderId, paymentUrl: paymentUrl ?? '' };
}

/**
 * pending -> awaiting_payment with its event, in one statement; false when the order was not pending.
 * Its commit does not wait for the disk: if a crash forgets it, the order is still the saved `pending` one with
 * createAttempts = 1, which every later path (a retried checkout, orders.sync, the reconciler, a notification
 * matched by merchantOrderId) settles by looking it up at Invoicebox, never by creating it again.
 */
async function awaitPayment(
  deps: Deps,
  orderId: string,
  invoiceboxOrderId: string,
  paymentUrl: string | null,
  reason: string,
): Promise<boolean> {
  const rows = await runPrepared<{ order_id: string }>(
    deps.db,
    'adopt_remote_order',
    sql`
      WITH lazy_commit AS (
        SELECT set_config('synchronous_commit', 'off', true)
      ), changed AS (
        UPDATE orders SET status = 'awaiting_payment', invoicebox_order_id = ${invoiceboxOrderId},
          payment_url = ${paymentUrl}, placing_until = NULL, updated_at = now()
        WHERE id = ${orderId}::uuid AND status = 'pending'
        RETURNING id
      )
      INSERT INTO order_events (order_id, from_status, to_status, source, reason)
      SELECT id, 'pending', 'awaiting_payment', 'checkout', ${reason} FROM changed, lazy_commit
      RETURNING order_id`,
  );
  return rows.length > 0;
}

/** A checkout that cannot go on: the order ends `failed`, with why. */
export async function failCheckout(
  deps: Deps,
  orderId: string,
  reason: string,
  patch: Parameters<typeof transitionOrder>[1]['patch'],
  log: Logger,
): Promise<void> {
  await deps.db.transaction((tx) =>
    transitionOrder(tx, { orderId, to: 'failed', source: 'checkout', reason, patch }, log),
  );
}

/** A link we will not send a shopper to: the order fails here, and nothing reaches the browser. */
async function refuseBadPaymentUrl(
  deps: Deps,
  orderId: string,
  remote: RemoteOrder,
  problem: string,
  log: Logger,
): Promise<never> {
  const reason = `Invoicebox order ${remote.id} has an unusable payment link: ${problem}`;
  await failCheckout(
    deps,
    orderId,
    reason,
    { invoiceboxOrderId: remote.id, failureReason: reason, placingUntil: null },
    log,
  );
  log.error(
    { orderId, invoiceboxOrderId: remote.id, problem },
    'refused the payment link Invoicebox returned',
  );
  throw new BadGateway(
    'Invoicebox returned a payment link we cannot send you to; the order was not placed. Try again later.',
  );
}
