import type { VatCode } from '@checkout/invoicebox';
import { and, eq, isNull, sql } from 'drizzle-orm';
import type { DbOrTx } from '../db/client.js';
import { refundRequests } from '../db/schema.js';
import { NotFound } from '../errors.js';
import { maskEmail } from '../lib/mask.js';
import type { ShopperRefund } from '../refunds/public-refund.js';
import { loadShopperRefunds } from '../refunds/shopper-refunds.js';
import { loadShipments } from '../shipments/load-shipments.js';
import { type PublicShipment, toPublicShipments } from '../shipments/public-shipment.js';
import { loadOrder, loadOrderLines, type OrderLineRow, type OrderRow } from './load-order.js';
import { type OrderStatus, UNPAID_OPEN_STATUSES } from './status.js';

export type PublicOrderLine = {
  sku: string;
  name: string;
  quantity: number;
  unitPrice: number;
  total: number;
  vatCode: VatCode;
  vatAmount: number;
};

/** What anyone holding the order link may see: no phone, no INN, e-mail masked. */
export type PublicOrder = {
  id: string;
  number: number;
  status: OrderStatus;
  lines: PublicOrderLine[];
  amount: number;
  vatAmount: number;
  currency: string;
  createdAt: string;
  paidAt: string | null;
  paymentUrl: string | null;
  customer: { type: 'private' | 'legal'; name: string; emailMasked: string };
  /** A refund request is open (staff have not answered it yet). */
  refundRequested: boolean;
  /** What was shipped, oldest first; the last one has `finalReceipt` once everything is shipped. */
  shipments: PublicShipment[];
  /** Refunds made or on their way: refunded, fee kept, returned (refunds/public-refund.ts). */
  refunds: ShopperRefund[];
};

export const toPublicLine = (line: OrderLineRow): PublicOrderLine => ({
  sku: line.sku,
  name: line.name,
  quantity: line.quantity,
  unitPrice: line.unitPrice,
  total: line.total,
  vatCode: line.vatCode as VatCode,
  vatAmount: line.vatAmount,
});

export function toPublicOrder(
  order: OrderRow,
  lines: OrderLineRow[],
  refundRequested: boolean,
  shipments: PublicShipment[] = [],
  refunds: ShopperRefund[] = [],
): PublicOrder {
  const payable = order.status === 'pending' || order.status === 'awaiting_payment';
  return {
    id: order.id,
    number: order.number,
    status: order.status as OrderStatus,
    lines: lines.map(toPublicLine),
    amount: order.amount,
    vatAmount: order.vatAmount,
    currency: order.currency,
    createdAt: order.createdAt.toISOString(),
    paidAt: order.paidAt?.toISOString() ?? null,
    // The payment link only while paying still makes sense.
    paymentUrl: payable ? order.paymentUrl : null,
    customer: {
      type: order.customerType as 'private' | 'legal',
      name: order.customerName,
      emailMasked: maskEmail(order.customerEmail),
    },
    refundRequested,
    shipments,
    refunds,
  };
}

export async function loadPublicOrder(db: DbOrTx, id: string): Promise<PublicOrder> {
  const order = await loadOrder(db, id);
  if (!order) throw new NotFound(`order ${id} not found`);
  // An unpaid order (the one the order page polls) has nothing shipped or refunded: no queries for them.
  const unpaid = (UNPAID_OPEN_STATUSES as readonly string[]).includes(order.status);
  const [lines, [requests], shipments, refunds] = await Promise.all([
    loadOrderLines(db, id),
    db
      .select({ count: sql<number>`count(*)::int` })
      .from(refundRequests)
      .where(and(eq(refundRequests.orderId, id), isNull(refundRequests.closedAt))),
    unpaid ? [] : loadShipments(db, id),
    unpaid ? [] : loadShopperRefunds(db, id),
  ]);
  return toPublicOrder(order, lines, (requests?.count ?? 0) > 0, toPublicShipments(shipments), refunds);
}
