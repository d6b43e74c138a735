import { and, eq, inArray, isNull, lte, or, sql } from 'drizzle-orm';
import { orders } from '../db/schema.js';
import type { Deps } from '../deps.js';
import { DomainError, NotFound } from '../errors.js';
import { safeError } from '../lib/safe-error.js';
import { InvoiceboxBudgetError } from '../limits/budget.js';
import { priorityOf } from '../limits/priority-of.js';
import type { Logger } from '../logger.js';
import { syncRefunds } from '../refunds/sync-refunds.js';
import { adoptRemoteOrder } from './adopt-remote-order.js';
import { findRemoteOrder } from './invoicebox-gateway.js';
import { loadOrder } from './load-order.js';
import { applyRemoteOrderState, targetForInvoiceboxStatus, warnUnexpectedHold } from './remote-status.js';
import type { TransitionSource } from './status.js';
import { transitionOrder } from './transitions.js';

/**
 * Asks Invoicebox for the order's real state and applies it through the same transition code as a notification.
 * A notification that never arrived heals here (shopper back on the order page, or the reconciler).
 */
export async function syncOrder(
  deps: Deps,
  orderId: string,
  source: TransitionSource,
  log: Logger,
): Promise<void> {
  const order = await loadOrder(deps.db, orderId);
  if (!order) throw new NotFound(`order ${orderId} not found`);
  const priority = priorityOf(source);

  if (order.status === 'pending') {
    const placing = order.placingUntil !== null && order.placingUntil.getTime() > Date.now();
    // Creation ended without an answer: Invoicebox may have the order; never create it from here.
    if (placing) return;
    const found = order.createAttempts > 0 ? await findRemoteOrder(deps, orderId, priority) : null;
    if (found) {
      await adoptRemoteOrder(deps, orderId, found, log);
    } else if (order.expiresAt && order.expiresAt.getTime() < Date.now()) {
      // Invoicebox does not have it and its payment window has passed: nothing can pay it any more.
      await deps.db.transaction((tx) =>
        transitionOrder(
          tx,
          { orderId, to: 'expired', source, reason: 'never reached Invoicebox before its expiry date' },
          log,
        ),
      );
    }
    return;
  }
  // A held order is asked about too, until Invoicebox reports its capture (completed) or release (canceled).
  if ((order.status === 'awaiting_payment' || order.status === 'held') && order.invoiceboxOrderId) {
    const { data, requestId } = await deps.invoicebox(priority).getOrder(order.invoiceboxOrderId);
    const remote = data as { status: string; paidAt?: string | null };
    if (order.status !== 'held' && targetForInvoiceboxStatus(remote.status) === 'held') {
      warnUnexpectedHold(deps.config.holdPayments, orderId, log);
    }
    await deps.db.transaction((tx) =>
      applyRemoteOrderState(
        tx,
        {
          orderId,
          remote,
          source,
          reason: `Invoicebox reports ${remote.status} (request ${requestId ?? 'n/a'})`,
        },
        log,
      ),
    );
    return;
  }
  if (order.status === 'paid' || order.status === 'partially_refunded') {
    await syncRefunds(deps, order, source, log);
  }
}

/** Statuses Invoicebox can still change (payment, a hold's capture or release, or a refund in flight). */
const CHECKABLE = ['pending', 'awaiting_payment', 'held', 'paid', 'partially_refunded'];

/**
 * Takes the right to check this order with Invoicebox now, unless some replica did so in the last freshMs.
 * One UPDATE decides it, so a storm of syncs of one order makes at most one Invoicebox call per window.
 */
async function claimCheck(deps: Deps, orderId: string): Promise<boolean> {
  const claimed = await deps.db
    .update(orders)
    .set({ checkedAt: sql`now()` })
    .where(
      and(
        eq(orders.id, orderId),
        inArray(orders.status, CHECKABLE),
        or(
          isNull(orders.checkedAt),
          lte(orders.checkedAt, sql`now() - ${deps.limits.syncFreshMs}::int * interval '1 millisecond'`),
        ),
      ),
    )
    .returning({ id: orders.id });
  return claimed.length > 0;
}

/**
 * orders.sync for the shopper: answers from the database when the order was checked recently, and Invoicebox
 * being unreachable (or our call budget being used up) must not break the order page.
 */
export async function syncOrderQuietly(deps: Deps, orderId: string, source: TransitionSource, log: Logger) {
  try {
    if (!(await claimCheck(deps, orderId))) return;
    await syncOrder(deps, orderId, source, log);
  } catch (error) {
    // A missing order or a link we refused is the caller's answer, not a sync hiccup.
    if (error instanceof DomainError) throw error;
    if (error instanceof InvoiceboxBudgetError) {
      log.info({ orderId }, 'order sync skipped: Invoicebox call budget is reserved for checkout');
      return;
    }
    log.warn(
      { orderId, err: safeError(error) },
      'order sync with Invoicebox failed; showing the stored state',
    );
  }
}
