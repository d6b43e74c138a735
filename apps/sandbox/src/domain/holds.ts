import { ApiError, wrongOrderStatus } from '../api-error.js';
import type { SandboxContext } from '../context.js';
import type { OrderJson, OrderRecord } from '../types.js';
import { notifyOrder } from './order-notifications.js';

/**
 * Card pre-authorisation (docs §5.5, MCP's `create_shipment`): with `holdPayments` a payment only blocks the money.
 * A shipment with `final: true` captures it; DELETE before any shipment reverses it in full.
 */
export function paidStatus(ctx: SandboxContext, order: OrderJson): 'hold' | 'completed' {
  return ctx.merchants.byId(order.merchantId)?.holdPayments === true ? 'hold' : 'completed';
}

const statusError = (status: string, message: string) =>
  new ApiError(422, 'wrong_order_status', message, [
    { name: 'status', code: 'wrong_value', message: `status is "${status}"` },
  ]);

const shipmentsOf = (ctx: SandboxContext, orderId: string) =>
  ctx.store.data.shipments.filter((s) => s.orderId === orderId);

/** Shipments need the money taken or held, and stop after the final one (it closes the order). */
export function checkShippable(ctx: SandboxContext, record: OrderRecord) {
  const { status, id } = record.order;
  if (status !== 'completed' && status !== 'hold') throw wrongOrderStatus(status, 'ship');
  if (shipmentsOf(ctx, id).some((s) => s.final)) {
    throw statusError(status, `order ${id} was closed by a final shipment; nothing more can be shipped`);
  }
}

/** A final shipment of a held order takes the money: `hold` -> `completed`, and the shop is told. */
export function captureOnFinalShipment(ctx: SandboxContext, record: OrderRecord, final: boolean) {
  if (!final || record.order.status !== 'hold') return;
  record.order.status = 'completed';
  ctx.store.changed();
  notifyOrder(ctx, record, 'payment');
}

/** DELETE of a held order gives the payer everything back; once something was shipped only a refund can. */
export function releaseHold(ctx: SandboxContext, record: OrderRecord) {
  if (shipmentsOf(ctx, record.order.id).length > 0) {
    const message = `order ${record.order.id} has a shipment registered: release is no longer possible, create a refund after the final shipment`;
    throw statusError('hold', message);
  }
  record.order.status = 'canceled';
  ctx.store.changed();
  notifyOrder(ctx, record, 'cancellation');
}
