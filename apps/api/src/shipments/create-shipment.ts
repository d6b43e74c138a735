import { randomUUID } from 'node:crypto';
import {
  type BuiltBasket,
  InvoiceboxApiError,
  InvoiceboxNetworkError,
  InvoiceboxUnknownResultError,
  toBasketItems,
} from '@checkout/invoicebox';
import { count, eq } from 'drizzle-orm';
import { orders, shipments } from '../db/schema.js';
import type { Deps } from '../deps.js';
import {
  FieldErrors,
  type FieldProblem,
  InvalidState,
  InvoiceboxRefused,
  InvoiceboxUnavailable,
  NotFound,
} from '../errors.js';
import type { Logger } from '../logger.js';
import { basketFromLines } from '../orders/basket-from-lines.js';
import { documentDate } from './document-date.js';
import { remoteShipmentsByDocument } from './find-remote-shipment.js';
import { loadShipments } from './load-shipments.js';
import { recheckPendingShipments } from './recheck-pending.js';
import { isShippableStatus, shippableLines } from './shippable.js';
import { type ShipmentRow, type StaffShipment, toStaffShipment } from './staff-shipment.js';
import { settleShipment } from './status.js';

export type CreateShipmentInput = {
  orderId: string;
  /** Omitted: everything left to ship. */
  lines?: { sku: string; quantity: number }[];
};

/**
 * Staff ship a paid order, whole or by lines. The shipment is saved as `pending` in the transaction that locks the
 * order row and counts what is left, so two staff members clicking at once cannot ship the same goods twice; then
 * Invoicebox is asked, once. The shipment that leaves nothing to ship goes with `final: true`: Invoicebox closes
 * the order, issues the full-settlement receipt (closing documents for a company) and captures a held payment.
 */
export async function createShipment(
  deps: Deps,
  input: CreateShipmentInput,
  log: Logger,
): Promise<StaffShipment> {
  await recheckPendingShipments(deps, input.orderId, log);
  const planned = await deps.db.transaction(async (tx) => {
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
    const [numbered] = await tx.select({ n: count() }).from(shipments).where(eq(shipments.orderId, order.id));
    const [row] = await tx
      .insert(shipments)
      .values({
        id: randomUUID(),
        orderId: order.id,
        documentNumber: `${order.number}-${(numbered?.n ?? 0) + 1}`,
        status: 'pending',
        final: leftAfter === 0,
        lines: basket.lines.map((l) => ({
          sku: l.sku,
          name: l.name,
          quantity: l.quantity,
          unitPrice: l.unitAmount,
          total: l.totalAmount,
          vatAmount: l.totalVatAmount,
        })),
        amount: basket.amount,
        vatAmount: basket.vatAmount,
        createdBy: 'staff',
      })
      .returning();
    return { row: row!, basket, invoiceboxOrderId: order.invoiceboxOrderId };
  });

  const { row, basket, invoiceboxOrderId } = planned;
  const remoteId = await sendShipment(deps, row, basket, invoiceboxOrderId, log);
  await settleShipment(deps.db, row.id, { status: 'created', invoiceboxShipmentId: remoteId });
  const [current] = await deps.db.select().from(shipments).where(eq(shipments.id, row.id));
  return toStaffShipment(current ?? row);
}

/**
 * Sends the saved shipment once and returns Invoicebox's id for it. A refusal, or a call that provably never
 * left, settles it as failed (the goods are free to ship again); an unknown result is looked up, never resent.
 */
async function sendShipment(
  deps: Deps,
  row: ShipmentRow,
  basket: BuiltBasket,
  invoiceboxOrderId: string,
  log: Logger,
): Promise<string> {
  try {
    const { data, requestId } = await deps.invoicebox('staff', log).createShipment({
      orderId: invoiceboxOrderId,
      documentNumber: row.documentNumber,
      documentDate: documentDate(row.createdAt),
      basketItems: toBasketItems(basket.lines),
      final: row.final,
    });
    log.info(
      { shipmentId: row.id, invoiceboxShipmentId: data.id, invoiceboxRequestId: requestId, final: row.final },
      'shipment created at Invoicebox',
    );
    return String(data.id);
  } catch (error) {
    if (error instanceof InvoiceboxUnknownResultError)
      return lookUpLost(deps, row, invoiceboxOrderId, error, log);
    const reason =
      error instanceof InvoiceboxApiError
        ? `${error.code ?? 'error'}: ${error.message}`
        : `${(error as Error).name}: ${(error as Error).message}`;
    await settleShipment(deps.db, row.id, { status: 'failed', failureReason: reason });
    if (error instanceof InvoiceboxApiError) {
      throw new InvoiceboxRefused(`Invoicebox refused shipment ${row.documentNumber} (${reason})`, {
        cause: error,
      });
    }
    if (error instanceof InvoiceboxNetworkError) {
      throw new InvoiceboxUnavailable(
        `Invoicebox could not be reached; shipment ${row.documentNumber} was not sent`,
        {
          cause: error,
        },
      );
    }
    throw error;
  }
}

/** The shipment may have been applied: ask Invoicebox for it by documentNumber instead of sending it again. */
async function lookUpLost(
  deps: Deps,
  row: ShipmentRow,
  invoiceboxOrderId: string,
  error: InvoiceboxUnknownResultError,
  log: Logger,
): Promise<string> {
  const remote = await remoteShipmentsByDocument(deps, invoiceboxOrderId)
    .then((found) => found.get(row.documentNumber))
    .catch(() => undefined);
  if (!remote) {
    log.warn({ shipmentId: row.id, err: error }, 'shipment result unknown; left pending');
    throw new InvoiceboxUnavailable(
      `Invoicebox did not confirm shipment ${row.documentNumber}; it stays pending (counted as shipped) until ` +
        'Invoicebox is asked again («Проверить в Инвойсбокс» on the order page, or the next shipment of this order).',
      { cause: error },
    );
  }
  log.info(
    { shipmentId: row.id, invoiceboxShipmentId: remote.id },
    'shipment found at Invoicebox after an unknown result',
  );
  return String(remote.id);
}
