import { asc, eq } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import { notifications, orderEvents, refunds } from '../db/schema.js';
import { NotFound } from '../errors.js';
import { loadOrder, loadOrderLines } from '../orders/load-order.js';
import { toPublicLine } from '../orders/public-order.js';
import type { OrderStatus } from '../orders/status.js';
import { toPublicRefund } from '../refunds/public-refund.js';
import { loadShipments } from '../shipments/load-shipments.js';
import { isShippableStatus, shippableLines } from '../shipments/shippable.js';
import { toStaffShipment } from '../shipments/staff-shipment.js';
import { listRefundRequests } from './refund-requests.js';

/** Refund requests shown with the order; the rest are paged through admin.refundRequests.list. */
export const ORDER_REFUND_REQUESTS_SHOWN = 10;

/** Everything staff need about one order, including its history. */
export async function loadOrderDetails(db: Db, id: string) {
  const order = await loadOrder(db, id);
  if (!order) throw new NotFound(`order ${id} not found`);
  const [lines, notes, events, refundRows, requests, shipmentRows, shipping] = await Promise.all([
    loadOrderLines(db, id),
    db.select().from(notifications).where(eq(notifications.orderId, id)).orderBy(asc(notifications.id)),
    db.select().from(orderEvents).where(eq(orderEvents.orderId, id)).orderBy(asc(orderEvents.id)),
    db.select().from(refunds).where(eq(refunds.orderId, id)).orderBy(asc(refunds.createdAt)),
    listRefundRequests(db, { orderId: id, page: 1, pageSize: ORDER_REFUND_REQUESTS_SHOWN }),
    loadShipments(db, id),
    shippableLines(db, id),
  ]);
  const shippingBySku = new Map(shipping.map((s) => [s.line.sku, s]));
  return {
    id: order.id,
    number: order.number,
    status: order.status as OrderStatus,
    amount: order.amount,
    vatAmount: order.vatAmount,
    currency: order.currency,
    createdAt: order.createdAt.toISOString(),
    updatedAt: order.updatedAt.toISOString(),
    paidAt: order.paidAt?.toISOString() ?? null,
    expiresAt: order.expiresAt?.toISOString() ?? null,
    invoiceboxOrderId: order.invoiceboxOrderId,
    paymentUrl: order.paymentUrl,
    failureReason: order.failureReason,
    customer: {
      type: order.customerType as 'private' | 'legal',
      name: order.customerName,
      email: order.customerEmail,
      phone: order.customerPhone,
      vatNumber: order.customerVatNumber,
      kpp: order.customerKpp,
      registrationAddress: order.customerRegistrationAddress,
    },
    /** `shipped`: in shipments Invoicebox has or may have; `leftToShip`: neither shipped nor refunded. */
    lines: lines.map((line) => ({
      ...toPublicLine(line),
      shipped: shippingBySku.get(line.sku)?.shipped ?? 0,
      leftToShip: shippingBySku.get(line.sku)?.left ?? 0,
    })),
    notifications: notes.map((n) => ({
      id: n.id,
      receivedAt: n.receivedAt.toISOString(),
      invoiceboxId: n.invoiceboxId,
      status: n.status,
      subtype: n.subtype,
      signatureValid: n.signatureValid,
      outcome: n.outcome,
      answer: n.answer,
      deliveries: n.deliveries,
    })),
    events: events.map((e) => ({
      id: e.id,
      createdAt: e.createdAt.toISOString(),
      fromStatus: e.fromStatus,
      toStatus: e.toStatus,
      source: e.source,
      reason: e.reason,
    })),
    refunds: refundRows.map(toPublicRefund),
    /** The newest ones only (newest first); refundRequestCount says how many there are in all. */
    refundRequests: requests.requests,
    refundRequestCount: requests.total,
    shipments: shipmentRows.map(toStaffShipment),
    /** Staff may ship now: the money is taken (or held), something is left, no final shipment closed the order. */
    canShip:
      isShippableStatus(order.status) &&
      shipping.some((s) => s.left > 0) &&
      !shipmentRows.some((s) => s.final && s.status !== 'failed'),
  };
}
export type AdminOrderDetails = Awaited<ReturnType<typeof loadOrderDetails>>;
