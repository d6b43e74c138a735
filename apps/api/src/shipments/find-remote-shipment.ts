import type { Shipment } from '@checkout/invoicebox';
import type { Deps } from '../deps.js';

const PAGE_SIZE = 100;
const MAX_PAGES = 10;

/**
 * Invoicebox's copies of the order's shipments by the documentNumber we sent (there is no idempotency key, so
 * that number is how a shipment whose answer we lost is found). Throws when Invoicebox cannot be asked.
 */
export async function remoteShipmentsByDocument(
  deps: Deps,
  invoiceboxOrderId: string,
): Promise<Map<string, Shipment>> {
  const found = new Map<string, Shipment>();
  for (let page = 1; page <= MAX_PAGES; page++) {
    const { data } = await deps.invoicebox('staff').listShipments({
      orderId: invoiceboxOrderId,
      page,
      pageSize: PAGE_SIZE,
    });
    for (const shipment of data) if (shipment.documentNumber) found.set(shipment.documentNumber, shipment);
    if (data.length < PAGE_SIZE) break;
  }
  return found;
}
