import { InvoiceboxApiError, InvoiceboxOrderStatusError } from '@checkout/invoicebox';
import type { Deps } from '../deps.js';
import { Conflict, InvalidState, NotFound } from '../errors.js';
import type { Logger } from '../logger.js';
import { loadOrder } from '../orders/load-order.js';
import { syncOrder } from '../orders/sync-order.js';
import { transitionOrder } from '../orders/transitions.js';

/**
 * Staff cancel an unpaid order: at Invoicebox first (so it can no longer be paid), then here. A held payment is
 * released the same way (Invoicebox gives the payer everything back), until a shipment is registered.
 */
export async function cancelOrder(deps: Deps, orderId: string, log: Logger) {
  const order = await loadOrder(deps.db, orderId);
  if (!order) throw new NotFound(`order ${orderId} not found`);
  if (order.status === 'held' && order.invoiceboxOrderId) {
    await releaseHold(deps, orderId, order.invoiceboxOrderId, log);
  } else if (order.status !== 'pending' && order.status !== 'awaiting_payment') {
    throw new InvalidState(`only an unpaid or held order can be canceled (this one is ${order.status})`);
  } else if (order.invoiceboxOrderId) {
    try {
      const { requestId } = await deps.invoicebox('staff').cancelOrder(order.invoiceboxOrderId);
      log.info({ orderId, invoiceboxRequestId: requestId }, 'order canceled at Invoicebox');
    } catch (error) {
      if (error instanceof InvoiceboxApiError) {
        // Most likely paid or expired meanwhile: bring our copy up to date and tell staff.
        await syncOrder(deps, orderId, 'staff', log).catch(() => {});
        throw new Conflict(`Invoicebox refused to cancel (${error.code ?? 'error'}: ${error.message})`, {
          cause: error,
        });
      }
      throw error;
    }
  }
  const result = await deps.db.transaction((tx) =>
    transitionOrder(
      tx,
      {
        orderId,
        to: 'canceled',
        source: 'staff',
        reason: order.status === 'held' ? 'hold released by staff' : 'canceled by staff',
      },
      log,
    ),
  );
  if (result.outcome === 'illegal') {
    throw new Conflict(`the order became ${result.from} meanwhile`);
  }
  return { ok: true as const, status: 'canceled' as const };
}

/**
 * DELETE of the held order at Invoicebox (the SDK's releaseHold checks it is still `hold` first). Refused once a
 * shipment exists, or when the hold was captured or released meanwhile: our copy is brought up to date, and a
 * release whose answer was lost (Invoicebox already reports it canceled) counts as done.
 */
async function releaseHold(deps: Deps, orderId: string, invoiceboxOrderId: string, log: Logger) {
  try {
    const { requestId } = await deps.invoicebox('staff').releaseHold(invoiceboxOrderId);
    log.info({ orderId, invoiceboxRequestId: requestId }, 'held payment released at Invoicebox');
  } catch (error) {
    if (!(error instanceof InvoiceboxApiError || error instanceof InvoiceboxOrderStatusError)) throw error;
    await syncOrder(deps, orderId, 'staff', log).catch(() => {});
    const now = (await loadOrder(deps.db, orderId))?.status;
    if (now === 'canceled') return;
    const why = `${error.code}: ${error.message}`;
    throw now === 'held'
      ? new InvalidState(
          `the held payment can no longer be released (Invoicebox: ${why}); once a shipment is registered, capture it with a final shipment and refund instead`,
          { cause: error },
        )
      : new Conflict(`the order is ${now ?? 'gone'} now; Invoicebox refused the release (${why})`, {
          cause: error,
        });
  }
}
