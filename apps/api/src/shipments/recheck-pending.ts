import { and, eq } from 'drizzle-orm';
import { shipments } from '../db/schema.js';
import type { Deps } from '../deps.js';
import type { Logger } from '../logger.js';
import { loadOrder } from '../orders/load-order.js';
import { remoteShipmentsByDocument } from './find-remote-shipment.js';
import { settleShipment } from './status.js';

/** Longer than any answer can take (the client gives up after 20 s): absent at Invoicebox by then, never sent. */
export const PENDING_RECHECK_AFTER_MS = 60_000;

/**
 * Settles the order's shipments whose result was never known by asking Invoicebox for them: found means created;
 * still absent PENDING_RECHECK_AFTER_MS after we saved it means it never arrived. Until settled they count as
 * shipped. Returns how many are still pending; when Invoicebox cannot be asked, they all stay pending.
 */
export async function recheckPendingShipments(deps: Deps, orderId: string, log: Logger, now = new Date()) {
  const pending = await deps.db
    .select()
    .from(shipments)
    .where(and(eq(shipments.orderId, orderId), eq(shipments.status, 'pending')));
  if (pending.length === 0) return 0;
  const order = await loadOrder(deps.db, orderId);
  if (!order?.invoiceboxOrderId) return pending.length;
  let remote: Awaited<ReturnType<typeof remoteShipmentsByDocument>>;
  try {
    remote = await remoteShipmentsByDocument(deps, order.invoiceboxOrderId);
  } catch (error) {
    log.warn({ orderId, err: error }, 'pending shipments could not be checked with Invoicebox');
    return pending.length;
  }
  let left = 0;
  for (const row of pending) {
    const found = remote.get(row.documentNumber);
    if (found) {
      await settleShipment(deps.db, row.id, { status: 'created', invoiceboxShipmentId: String(found.id) });
    } else if (now.getTime() - row.createdAt.getTime() > PENDING_RECHECK_AFTER_MS) {
      await settleShipment(deps.db, row.id, {
        status: 'failed',
        failureReason: 'never reached Invoicebox (not in its list of shipments)',
      });
    } else {
      left++;
    }
  }
  return left;
}
