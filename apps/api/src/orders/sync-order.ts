import { TRPCError } from '@trpc/server';
import type { Deps } from '../deps.js';
import { safeError } from '../lib/safe-error.js';
import type { Logger } from '../logger.js';
import { syncRefunds } from '../refunds/sync-refunds.js';
import { loadOrder } from './load-order.js';
import { adoptRemoteOrder, findRemoteOrder } from './place-order.js';
import { applyRemoteOrderState } from './remote-status.js';
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
  if (!order) throw new TRPCError({ code: 'NOT_FOUND', message: `order ${orderId} not found` });

  if (order.status === 'pending') {
    const placing = order.placingUntil !== null && order.placingUntil.getTime() > Date.now();
    // Creation ended without an answer: Invoicebox may have the order; never create it from here.
    if (placing) return;
    const found = order.createAttempts > 0 ? await findRemoteOrder(deps, orderId) : null;
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
  if (order.status === 'awaiting_payment' && order.invoiceboxOrderId) {
    const { data, requestId } = await deps.invoicebox.getOrder(order.invoiceboxOrderId);
    const remote = data as { status: string; paidAt?: string | null };
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

/** orders.sync for the shopper: Invoicebox being unreachable must not break the order page. */
export async function syncOrderQuietly(deps: Deps, orderId: string, source: TransitionSource, log: Logger) {
  try {
    await syncOrder(deps, orderId, source, log);
  } catch (error) {
    if (error instanceof TRPCError) throw error;
    log.warn(
      { orderId, err: safeError(error) },
      'order sync with Invoicebox failed; showing the stored state',
    );
  }
}
