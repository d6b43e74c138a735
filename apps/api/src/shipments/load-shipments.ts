import { asc, eq } from 'drizzle-orm';
import type { DbOrTx } from '../db/client.js';
import { shipments } from '../db/schema.js';
import type { ShipmentRow } from './staff-shipment.js';

/** The order's shipments, oldest first (shipments_order_idx). */
export function loadShipments(db: DbOrTx, orderId: string): Promise<ShipmentRow[]> {
  return db
    .select()
    .from(shipments)
    .where(eq(shipments.orderId, orderId))
    .orderBy(asc(shipments.createdAt), asc(shipments.documentNumber));
}
