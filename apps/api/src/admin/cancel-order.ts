import { InvoiceboxApiError } from '@checkout/invoicebox';
import type { Deps } from '../deps.js';
import { Conflict, InvalidState, NotFound } from '../errors.js';
import type { Logger } from '../logger.js';
import { loadOrder } from '../orders/load-order.js';
import { syncOrder } from '../orders/sync-order.js';
import { transitionOrder } from '../orders/transitions.js';

/** Staff cancel an unpaid order: at Invoicebox first (so it can no longer be paid), then here. */
export async function cancelOrder(deps: Deps, orderId: string, log: Logger) {
  const order = await loadOrder(deps.db, orderId);
  if (!order) throw new NotFound(`order ${orderId} not found`);
  if (order.status !== 'pending' && order.status !== 'awaiting_payment') {
    throw new InvalidState(`only an unpaid order can be canceled (this one is ${order.status})`);
  }
  if (order.invoiceboxOrderId) {
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
    transitionOrder(tx, { orderId, to: 'canceled', source: 'staff', reason: 'canceled by staff' }, log),
  );
  if (result.outcome === 'illegal') {
    throw new Conflict(`the order became ${result.from} meanwhile`);
  }
  return { ok: true as const, status: 'canceled' as const };
}
