import type { shipments } from '../db/schema.js';

export type ShipmentRow = typeof shipments.$inferSelect;

/** A shipment as staff see it: our record of the call, with Invoicebox's id once it answered. */
export const toStaffShipment = (row: ShipmentRow) => ({
  id: row.id,
  documentNumber: row.documentNumber,
  invoiceboxShipmentId: row.invoiceboxShipmentId,
  status: row.status,
  final: row.final,
  lines: row.lines,
  amount: row.amount,
  vatAmount: row.vatAmount,
  createdBy: row.createdBy,
  failureReason: row.failureReason,
  createdAt: row.createdAt.toISOString(),
});
export type StaffShipment = ReturnType<typeof toStaffShipment>;
