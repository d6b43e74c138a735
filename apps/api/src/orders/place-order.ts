import {
  InvoiceboxApiError,
  InvoiceboxAuthError,
  InvoiceboxNetworkError,
  InvoiceboxRateLimitError,
  InvoiceboxUnknownResultError,
} from '@checkout/invoicebox';
import { TRPCError } from '@trpc/server';
import { and, eq, isNull, lt, or, sql } from 'drizzle-orm';
import { orders } from '../db/schema.js';
import type { Deps } from '../deps.js';
import { safeError } from '../lib/safe-error.js';
import type { CallPriority } from '../limits/budget.js';
import type { Logger } from '../logger.js';
import { buildCreateOrderRequest } from './invoicebox-request.js';
import { loadOrder, loadOrderLines, type OrderLineRow, type OrderRow } from './load-order.js';
import { paymentUrlProblem } from './payment-url.js';
import { applyRemoteOrderState, targetForInvoiceboxStatus } from './remote-status.js';
import { transitionOrder } from './transitions.js';

/** Longer than the client's timeout: a twin request waits this long at most. */
export const PLACING_LEASE_MS = 20_000;

export type RemoteOrder = { id: string; paymentUrl?: string | null; status: string; paidAt?: string | null };

/** Invoicebox's order for our id, if it has one (several would be a duplicate: the oldest wins). */
export async function findRemoteOrder(
  deps: Deps,
  orderId: string,
  priority: CallPriority,
): Promise<RemoteOrder | null> {
  const found = await deps
    .invoicebox(priority)
    .findOrders({ merchantOrderId: orderId, order: { createdAt: 'asc' } });
  const [first] = found.data as RemoteOrder[];
  return first ?? null;
}

/** Stores Invoicebox's id and link, then moves the order on to match Invoicebox's status. */
export async function adoptRemoteOrder(deps: Deps, orderId: string, remote: RemoteOrder, log: Logger) {
  const badLink = paymentUrlProblem(remote.paymentUrl, deps.config.invoiceboxApiUrl);
  // An order Invoicebox already settled needs no link: keep its state, drop the link.
  if (badLink && targetForInvoiceboxStatus(remote.status) === null) {
    return refuseBadPaymentUrl(deps, orderId, remote, badLink, log);
  }
  const paymentUrl = badLink ? null : (remote.paymentUrl ?? null);
  await deps.db.transaction(async (tx) => {
    await transitionOrder(
      tx,
      {
        orderId,
        to: 'awaiting_payment',
        source: 'checkout',
        reason: `created at Invoicebox as ${remote.id}`,
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

/** A link we will not send a shopper to: the order fails here, and nothing reaches the browser. */
async function refuseBadPaymentUrl(
  deps: Deps,
  orderId: string,
  remote: RemoteOrder,
  problem: string,
  log: Logger,
): Promise<never> {
  const reason = `Invoicebox order ${remote.id} has an unusable payment link: ${problem}`;
  await deps.db.transaction((tx) =>
    transitionOrder(
      tx,
      {
        orderId,
        to: 'failed',
        source: 'checkout',
        reason,
        patch: { invoiceboxOrderId: remote.id, failureReason: reason, placingUntil: null },
      },
      log,
    ),
  );
  log.error(
    { orderId, invoiceboxOrderId: remote.id, problem },
    'refused the payment link Invoicebox returned',
  );
  throw new TRPCError({
    code: 'BAD_GATEWAY',
    message:
      'Invoicebox returned a payment link we cannot send you to; the order was not placed. Try again later.',
  });
}

const unavailable = (cause: unknown) =>
  new TRPCError({
    code: 'SERVICE_UNAVAILABLE',
    message:
      'Invoicebox did not confirm the order in time. It is kept: repeat the same request (same idempotencyKey) to continue.',
    cause,
  });

/** Takes the right to talk to Invoicebox about this pending order; false while another request holds it. */
export async function claimPlacing(deps: Deps, orderId: string): Promise<boolean> {
  const claimed = await deps.db
    .update(orders)
    .set({ placingUntil: new Date(Date.now() + PLACING_LEASE_MS) })
    .where(
      and(
        eq(orders.id, orderId),
        eq(orders.status, 'pending'),
        or(isNull(orders.placingUntil), lt(orders.placingUntil, new Date())),
      ),
    )
    .returning({ id: orders.id });
  return claimed.length > 0;
}

/**
 * Creates our saved `pending` order at Invoicebox. A write whose outcome is unknown is never blindly repeated:
 * from the second attempt on we first look the order up by merchantOrderId (= our order id).
 * The caller holds the placing lease (set at insert, or by claimPlacing).
 */
export async function placeOrderAtInvoicebox(
  deps: Deps,
  orderId: string,
  log: Logger,
  fresh?: { order: OrderRow; lines: OrderLineRow[] },
) {
  try {
    // Adopting the Invoicebox order releases the lease in the same UPDATE; every other ending releases it here.
    return await placeWithLease(deps, orderId, log, fresh);
  } catch (error) {
    await deps.db
      .update(orders)
      .set({ placingUntil: null })
      .where(eq(orders.id, orderId))
      .catch(() => {});
    throw error;
  }
}

async function placeWithLease(
  deps: Deps,
  orderId: string,
  log: Logger,
  fresh?: { order: OrderRow; lines: OrderLineRow[] },
) {
  // A just-inserted order (saved with createAttempts = 1) is known never to have been sent.
  const order = fresh?.order ?? (await loadOrder(deps.db, orderId));
  if (!order) throw new TRPCError({ code: 'NOT_FOUND', message: `order ${orderId} not found` });
  if (!fresh && order.createAttempts > 0) {
    const found = await findRemoteOrder(deps, orderId, 'checkout').catch((error: unknown) => {
      throw unavailable(error);
    });
    if (found) return adoptRemoteOrder(deps, orderId, found, log);
  }
  const request = buildCreateOrderRequest(
    deps.config,
    order,
    fresh?.lines ?? (await loadOrderLines(deps.db, orderId)),
  );
  if (!fresh) {
    await deps.db
      .update(orders)
      .set({ createAttempts: sql`${orders.createAttempts} + 1` })
      .where(eq(orders.id, orderId));
  }
  try {
    const { data, requestId } = await deps.invoicebox('checkout').createOrder(request);
    log.info(
      { orderId, invoiceboxOrderId: data.id, invoiceboxRequestId: requestId },
      'order created at Invoicebox',
    );
    return adoptRemoteOrder(deps, orderId, data as RemoteOrder, log);
  } catch (error) {
    if (error instanceof InvoiceboxApiError && error.code === 'merchant_order_id_duplicate') {
      const found = await findRemoteOrder(deps, orderId, 'checkout').catch(() => null);
      if (found) return adoptRemoteOrder(deps, orderId, found, log);
    }
    // The request provably never left: nothing to look up (the next attempt still looks first).
    if (error instanceof InvoiceboxNetworkError) throw unavailable(error);
    if (error instanceof InvoiceboxUnknownResultError) {
      log.warn({ orderId, err: safeError(error) }, 'createOrder outcome unknown; looking the order up');
      const found = await findRemoteOrder(deps, orderId, 'checkout').catch(() => null);
      if (found) return adoptRemoteOrder(deps, orderId, found, log);
      throw unavailable(error);
    }
    if (error instanceof InvoiceboxRateLimitError) {
      throw new TRPCError({
        code: 'TOO_MANY_REQUESTS',
        message: 'Invoicebox asks us to slow down; repeat the same request in a minute.',
        cause: error,
      });
    }
    if (error instanceof InvoiceboxApiError || error instanceof InvoiceboxAuthError) {
      return failOrder(deps, orderId, error, log);
    }
    throw error;
  }
}

async function failOrder(
  deps: Deps,
  orderId: string,
  error: InvoiceboxApiError | InvoiceboxAuthError,
  log: Logger,
): Promise<never> {
  const fields = error instanceof InvoiceboxApiError ? (error.fields ?? []) : [];
  const detail = [
    `${error.code ?? 'error'}: ${error.message}`,
    ...fields.map((field) => `${field.name}: ${field.message || field.code}`),
  ].join('; ');
  await deps.db.transaction((tx) =>
    transitionOrder(
      tx,
      {
        orderId,
        to: 'failed',
        source: 'checkout',
        reason: `Invoicebox refused: ${detail}`,
        patch: { failureReason: detail },
      },
      log,
    ),
  );
  log.warn(
    { orderId, invoiceboxRequestId: error.requestId, code: error.code },
    'Invoicebox refused the order',
  );
  throw new TRPCError({
    code: error instanceof InvoiceboxAuthError ? 'INTERNAL_SERVER_ERROR' : 'UNPROCESSABLE_CONTENT',
    message: `Invoicebox refused the order (${detail})`,
    cause: error,
  });
}
