import type { ShipmentRow } from './staff-shipment.js';

/** What the shopper sees of a shipment Invoicebox registered: no ids, no staff data. */
export type PublicShipment = {
  createdAt: string;
  lines: { sku: string; name: string; quantity: number; total: number }[];
  amount: number;
  /** The order was shipped in full: Invoicebox issued the final ("полный расчёт") receipt. */
  finalReceipt: boolean;
};

/** Only shipments Invoicebox confirmed; a pending or refused one shipped nothing the shopper should hear of. */
export function toPublicShipments(rows: ShipmentRow[]): PublicShipment[] {
  return rows
    .filter((row) => row.status === 'created')
    .map((row) => ({
      createdAt: row.createdAt.toISOString(),
      lines: row.lines.map(({ sku, name, quantity, total }) => ({ sku, name, quantity, total })),
      amount: row.amount,
      finalReceipt: row.final,
    }));
}
