import { and, eq, lt } from 'drizzle-orm';
import { shipments } from '../db/schema.js';
import type { Deps } from '../deps.js';
import type { Logger } from '../logger.js';
import { loadOrder } from '../orders/load-order.js';
import { findRemoteShipment } from './find-remote-shipment.js';
import { settleShipment } from './status.js';

/** Longer than any answer can take (the client gives up after 20 s): absent at Invoicebox by then, never sent. */
export const PENDING_RECHECK_AFTER_MS = 60_000;

/**
 * Settles the order's shipments whose result was never known, by asking Invoicebox for them: found means created,
 * absent after PENDING_RECHECK_AFTER_MS means it never arrived. Until then they count as shipped.
 */
export async function recheckPendingShipments(deps: Deps, orderId: string, log: Logger, now = new Date()) {
  const stale = await deps.db
    .select()
    .from(shipments)
    .where(
      and(
        eq(shipments.orderId, orderId),
        eq(shipments.status, 'pending'),
        lt(shipments.createdAt, new Date(now.getTime() - PENDING_RECHECK_AFTER_MS)),
      ),
    );
  if (stale.length === 0) return;
  const order = await loadOrder(deps.db, orderId);
  if (!order?.invoiceboxOrderId) return;
  for (const row of stale) {
    const remote = await findRemoteShipment(deps, order.invoiceboxOrderId, row.documentNumber).catch(
      (error) => {
        log.warn({ shipmentId: row.id, err: error }, 'pending shipment could not be checked');
        return null;
      },
    );
    if (remote === null) continue;
    await settleShipment(
      deps.db,
      row.id,
      remote
        ? { status: 'created', invoiceboxShipmentId: String(remote.id) }
        : { status: 'failed', failureReason: 'never reached Invoicebox (not in its list of shipments)' },
    );
  }
}
