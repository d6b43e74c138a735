import { toKopecks } from '@checkout/invoicebox';
import type { Deps } from '../deps.js';
import { InvalidState, NotFound } from '../errors.js';
import { loadOrder, type OrderRow } from '../orders/load-order.js';

export type RefundableLine = {
  sku: string;
  name: string;
  quantity: number;
  /** Kopecks. */
  unitPrice: number;
  availableAmount: number;
  availableQuantity: number;
};

export async function requireRefundableOrder(
  deps: Deps,
  orderId: string,
): Promise<OrderRow & { invoiceboxOrderId: string }> {
  const order = await loadOrder(deps.db, orderId);
  if (!order) throw new NotFound(`order ${orderId} not found`);
  if (order.status === 'held') {
    throw new InvalidState(
      'the payment is only held, not taken: release it (cancel the order) or capture it with a final shipment first',
    );
  }
  if ((order.status !== 'paid' && order.status !== 'partially_refunded') || !order.invoiceboxOrderId) {
    throw new InvalidState(`only a paid order can be refunded (this one is ${order.status})`);
  }
  return order as OrderRow & { invoiceboxOrderId: string };
}

/** What Invoicebox still lets us refund, per line, in kopecks and whole units. */
export async function listRefundable(deps: Deps, orderId: string): Promise<RefundableLine[]> {
  // A fully refunded order has nothing left: an empty list, not an error, for a staff page that asks again.
  if ((await loadOrder(deps.db, orderId))?.status === 'refunded') return [];
  const order = await requireRefundableOrder(deps, orderId);
  const { data } = await deps.invoicebox('staff').getRefundableItems(order.invoiceboxOrderId);
  return data.map((item) => {
    const unitPrice = toKopecks(item.amount);
    const availableAmount = toKopecks(item.availableAmount);
    return {
      sku: item.sku,
      name: item.name,
      quantity: item.quantity,
      unitPrice,
      availableAmount,
      availableQuantity: unitPrice > 0 ? Math.min(item.quantity, Math.floor(availableAmount / unitPrice)) : 0,
    };
  });
}
