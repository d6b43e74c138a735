import type { Deps } from '../deps.js';

const PAGE_SIZE = 100;
const MAX_PAGES = 10;

/**
 * Invoicebox's copy of one of our shipments, found by the documentNumber we sent (there is no idempotency key):
 * `undefined` when Invoicebox has no such shipment. Throws when Invoicebox cannot be asked.
 */
export async function findRemoteShipment(deps: Deps, invoiceboxOrderId: string, documentNumber: string) {
  for (let page = 1; page <= MAX_PAGES; page++) {
    const { data } = await deps.invoicebox('staff').listShipments({
      orderId: invoiceboxOrderId,
      page,
      pageSize: PAGE_SIZE,
    });
    const found = data.find((shipment) => shipment.documentNumber === documentNumber);
    if (found) return found;
    if (data.length < PAGE_SIZE) return undefined;
  }
  return undefined;
}
