import {
  type BuiltBasket,
  InvoiceboxApiError,
  InvoiceboxNetworkError,
  InvoiceboxUnknownResultError,
  toBasketItems,
} from '@checkout/invoicebox';
import type { Deps } from '../deps.js';
import { InvoiceboxRefused, InvoiceboxUnavailable } from '../errors.js';
import type { Logger } from '../logger.js';
import { documentDate } from './document-date.js';
import { remoteShipmentsByDocument } from './find-remote-shipment.js';
import type { ShipmentRow } from './staff-shipment.js';
import { settleShipment } from './status.js';

/**
 * Sends the saved shipment once and returns Invoicebox's id for it. A refusal, or a call that provably never
 * left, settles it as failed (the goods are free to ship again); an unknown result is looked up, never resent.
 */
export async function sendShipment(
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
