import { and, eq } from 'drizzle-orm';
import type { DbOrTx } from '../db/client.js';
import { shipments } from '../db/schema.js';

/**
 * Our record of the call to Invoicebox. pending: saved, sent or about to be (its result may be unknown);
 * created: Invoicebox registered it; failed: refused, or never sent.
 */
export const SHIPMENT_STATUSES = ['pending', 'created', 'failed'] as const;
export type ShipmentStatus = (typeof SHIPMENT_STATUSES)[number];

/** Shipments that count as shipped: Invoicebox has them, or may have them. */
export const COUNTED_SHIPMENT_STATUSES: readonly ShipmentStatus[] = ['pending', 'created'];

/** Settles a pending shipment; guarded by `pending`, so a late second answer cannot undo the first. */
export async function settleShipment(
  db: DbOrTx,
  id: string,
  result: { status: 'created'; invoiceboxShipmentId: string } | { status: 'failed'; failureReason: string },
): Promise<boolean> {
  const updated = await db
    .update(shipments)
    .set({ ...result, updatedAt: new Date() })
    .where(and(eq(shipments.id, id), eq(shipments.status, 'pending')))
    .returning({ id: shipments.id });
  return updated.length > 0;
}
