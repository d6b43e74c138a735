import {
  type CreateOrderRequest,
  InvoiceboxApiError,
  InvoiceboxAuthError,
  InvoiceboxNetworkError,
  InvoiceboxRateLimitError,
  InvoiceboxUnknownResultError,
} from '@checkout/invoicebox';
import type { Deps } from '../deps.js';
import { InvoiceboxUnavailable, RateLimited } from '../errors.js';
import { safeError } from '../lib/safe-error.js';
import type { CallPriority } from '../limits/budget.js';
import type { Logger } from '../logger.js';

export type RemoteOrder = { id: string; paymentUrl?: string | null; status: string; paidAt?: string | null };

/** Invoicebox said no for good: the order fails with this reason. */
export type Refusal = InvoiceboxApiError | InvoiceboxAuthError;

export type CreateOutcome = { remote: RemoteOrder } | { refusal: Refusal };

export const unavailable = (cause: unknown) =>
  new InvoiceboxUnavailable(
    'Invoicebox did not confirm the order in time. It is kept: repeat the same request (same idempotencyKey) to continue.',
    { cause },
  );

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

const findQuietly = (deps: Deps, orderId: string) =>
  findRemoteOrder(deps, orderId, 'checkout').catch(() => null);

/**
 * Sends createOrder once and says what became of it. A write whose outcome is unknown is never repeated here:
 * the order is looked up by merchantOrderId (= our order id) instead. Retryable endings throw
 * (InvoiceboxUnavailable, RateLimited); a refusal is returned so the caller can fail the order.
 */
export async function createRemoteOrder(
  deps: Deps,
  request: CreateOrderRequest,
  log: Logger,
): Promise<CreateOutcome> {
  const orderId = request.merchantOrderId;
  try {
    const { data, requestId } = await deps.invoicebox('checkout').createOrder(request);
    log.info(
      { orderId, invoiceboxOrderId: data.id, invoiceboxRequestId: requestId },
      'order created at Invoicebox',
    );
    return { remote: data as RemoteOrder };
  } catch (error) {
    if (error instanceof InvoiceboxApiError && error.code === 'merchant_order_id_duplicate') {
      const found = await findQuietly(deps, orderId);
      if (found) return { remote: found };
    }
    // The request provably never left: nothing to look up (the next attempt still looks first).
    if (error instanceof InvoiceboxNetworkError) throw unavailable(error);
    if (error instanceof InvoiceboxUnknownResultError) {
      log.warn({ orderId, err: safeError(error) }, 'createOrder outcome unknown; looking the order up');
      const found = await findQuietly(deps, orderId);
      if (found) return { remote: found };
      throw unavailable(error);
    }
    if (error instanceof InvoiceboxRateLimitError) {
      throw new RateLimited('Invoicebox asks us to slow down; repeat the same request in a minute.', {
        cause: error,
      });
    }
    if (error instanceof InvoiceboxApiError || error instanceof InvoiceboxAuthError)
      return { refusal: error };
    throw error;
  }
}
