import { and, eq, inArray } from 'drizzle-orm';
import type { DbOrTx } from '../db/client.js';
import { refunds, shipments } from '../db/schema.js';
import { loadOrderLines, type OrderLineRow } from '../orders/load-order.js';
import type { OrderStatus } from '../orders/status.js';
import type { RefundStatus } from '../refunds/status.js';
import { COUNTED_SHIPMENT_STATUSES } from './status.js';

/** Orders whose money is taken (or held) and so can be shipped. */
export const SHIPPABLE_STATUSES: readonly OrderStatus[] = ['paid', 'partially_refunded', 'held'];

export const isShippableStatus = (status: string) =>
  (SHIPPABLE_STATUSES as readonly string[]).includes(status);

/** Refunds that took quantities out of the order: given back, or on their way. */
const COUNTED_REFUND_STATUSES: RefundStatus[] = ['pending', 'created', 'completed'];

export type ShippableLine = {
  line: OrderLineRow;
  ordered: number;
  shipped: number;
  refunded: number;
  /** Ordered − shipped − refunded, never below 0 (a refund of shipped goods is a return, not a negative). */
  left: number;
};

const addTo = (totals: Map<string, number>, sku: string, quantity: number) =>
  totals.set(sku, (totals.get(sku) ?? 0) + quantity);

/** What is left to ship, per order line. Inside a transaction holding the order row, the answer stays true. */
export async function shippableLines(db: DbOrTx, orderId: string): Promise<ShippableLine[]> {
  const [lines, shipped, refunded] = await Promise.all([
    loadOrderLines(db, orderId),
    db
      .select({ lines: shipments.lines })
      .from(shipments)
      .where(and(eq(shipments.orderId, orderId), inArray(shipments.status, [...COUNTED_SHIPMENT_STATUSES]))),
    db
      .select({ lines: refunds.lines })
      .from(refunds)
      .where(and(eq(refunds.orderId, orderId), inArray(refunds.status, COUNTED_REFUND_STATUSES))),
  ]);
  const shippedBySku = new Map<string, number>();
  for (const row of shipped) for (const line of row.lines) addTo(shippedBySku, line.sku, line.quantity);
  const refundedBySku = new Map<string, number>();
  for (const row of refunded) for (const line of row.lines) addTo(refundedBySku, line.sku, line.quantity);
  return lines.map((line) => {
    const shippedQuantity = shippedBySku.get(line.sku) ?? 0;
    const refundedQuantity = refundedBySku.get(line.sku) ?? 0;
    return {
      line,
      ordered: line.quantity,
      shipped: shippedQuantity,
      refunded: refundedQuantity,
      left: Math.max(0, line.quantity - shippedQuantity - refundedQuantity),
    };
  });
}
