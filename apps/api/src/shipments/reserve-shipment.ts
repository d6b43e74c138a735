import { randomUUID } from 'node:crypto';
import type { BuiltBasket } from '@checkout/invoicebox';
import { eq } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import { orders, shipments } from '../db/schema.js';
import { FieldErrors, type FieldProblem, InvalidState, NotFound } from '../errors.js';
import { basketFromLines, storedLines } from '../orders/basket-from-lines.js';
import { loadShipments } from './load-shipments.js';
import { isShippableStatus, shippableLines } from './shippable.js';
import type { ShipmentRow } from './staff-shipment.js';

export type ShipmentRequest = {
  orderId: string;
  /** Omitted: everything left to ship. */
  lines?: { sku: string; quantity: number }[];
};

export type ReservedShipment = { row: ShipmentRow; basket: BuiltBasket; invoiceboxOrderId: string };

/**
 * Checks the request and saves the shipment as `pending`, in one transaction holding the order row: two staff
 * members clicking at once queue here, and the second one sees what the first took. `final` is set when nothing
 * is left to ship after this one.
 */
export function reserveShipment(db: Db, input: ShipmentRequest): Promise<ReservedShipment> {
  return db.transaction(async (tx) => {
    const [order] = await tx.select().from(orders).where(eq(orders.id, input.orderId)).for('update');
    if (!order) throw new NotFound(`order ${input.orderId} not found`);
    if (!isShippableStatus(order.status) || !order.invoiceboxOrderId) {
      throw new FieldErrors([
        {
          path: ['orderId'],
          message: `only a paid order can be shipped (order ${order.number} is ${order.status})`,
        },
      ]);
    }
    const existing = await loadShipments(tx, order.id);
    if (existing.some((s) => s.final && s.status !== 'failed')) {
      throw new InvalidState(
        `order ${order.number} was closed by its final shipment: nothing more can be shipped`,
      );
    }
    const shippable = await shippableLines(tx, order.id);
    const picked =
      input.lines ?? shippable.filter((s) => s.left > 0).map((s) => ({ sku: s.line.sku, quantity: s.left }));
    const problems: FieldProblem[] = (input.lines ?? []).flatMap((line, index) => {
      const row = shippable.find((s) => s.line.sku === line.sku);
      if (!row) return [{ path: ['lines', index, 'sku'], message: `sku ${line.sku} is not in this order` }];
      if (input.lines?.findIndex((other) => other.sku === line.sku) !== index) {
        return [{ path: ['lines', index, 'sku'], message: `sku ${line.sku} is listed twice` }];
      }
      if (line.quantity > row.left) {
        return [
          {
            path: ['lines', index, 'quantity'],
            message: `at most ${row.left} of ${line.sku} is left to ship`,
          },
        ];
      }
      return [];
    });
    if (problems.length > 0) throw new FieldErrors(problems);
    if (picked.length === 0) throw new InvalidState(`nothing is left to ship in order ${order.number}`);

    const basket = basketFromLines(
      picked.map((p) => ({ ...shippable.find((s) => s.line.sku === p.sku)!.line, quantity: p.quantity })),
    );
    const leftAfter = shippable.reduce(
      (sum, s) => sum + s.left - (picked.find((p) => p.sku === s.line.sku)?.quantity ?? 0),
      0,
    );
    const [row] = await tx
      .insert(shipments)
      .values({
        id: randomUUID(),
        orderId: order.id,
        // Failed ones keep their number: each number is sent at most once per order.
        documentNumber: `${order.number}-${existing.length + 1}`,
        status: 'pending',
        final: leftAfter === 0,
        lines: storedLines(basket),
        amount: basket.amount,
        vatAmount: basket.vatAmount,
        createdBy: 'staff',
      })
      .returning();
    return { row: row!, basket, invoiceboxOrderId: order.invoiceboxOrderId };
  });
}
