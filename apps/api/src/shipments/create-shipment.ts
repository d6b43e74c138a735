import { eq } from 'drizzle-orm';
import { shipments } from '../db/schema.js';
import type { Deps } from '../deps.js';
import type { Logger } from '../logger.js';
import { recheckPendingShipments } from './recheck-pending.js';
import { reserveShipment, type ShipmentRequest } from './reserve-shipment.js';
import { sendShipment } from './send-shipment.js';
import { type StaffShipment, toStaffShipment } from './staff-shipment.js';
import { settleShipment } from './status.js';

/**
 * Staff ship a paid order, whole or by lines: saved as `pending` first (reserveShipment, so the same goods cannot
 * be shipped twice), then sent to Invoicebox once (sendShipment). The shipment that leaves nothing to ship goes
 * with `final: true`: Invoicebox closes the order, issues the full-settlement receipt (closing documents for a
 * company) and captures a held payment.
 */
export async function createShipment(
  deps: Deps,
  input: ShipmentRequest,
  log: Logger,
): Promise<StaffShipment> {
  // Earlier shipments whose result was never known are settled first, so what is left is counted right.
  await recheckPendingShipments(deps, input.orderId, log);
  const { row, basket, invoiceboxOrderId } = await reserveShipment(deps.db, input);
  const remoteId = await sendShipment(deps, row, basket, invoiceboxOrderId, log);
  await settleShipment(deps.db, row.id, { status: 'created', invoiceboxShipmentId: remoteId });
  const [current] = await deps.db.select().from(shipments).where(eq(shipments.id, row.id));
  return toStaffShipment(current ?? row);
}
