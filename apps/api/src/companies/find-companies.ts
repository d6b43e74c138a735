import {
  InvoiceboxNetworkError,
  InvoiceboxNotFoundError,
  InvoiceboxRateLimitError,
  InvoiceboxUnknownResultError,
} from '@checkout/invoicebox';
import type { Deps } from '../deps.js';
import { InvoiceboxUnavailable, RateLimited } from '../errors.js';
import type { Logger } from '../logger.js';
import { type Company, toCompanies } from './to-companies.js';

/**
 * Invoicebox's registry entries for a checked INN (`vatNumber`), through the replica's cache. The call takes from
 * the shared Invoicebox budget as a `lookup`: only from the unreserved part and without waiting, so shoppers
 * typing INNs can never hold up a checkout. Every failure leaves the shopper typing the details by hand.
 */
export function findCompanies(deps: Deps, vatNumber: string, log: Logger): Promise<Company[]> {
  return deps.companyCache.get(vatNumber, async () => {
    try {
      const { data } = await deps.invoicebox('lookup', log).findCounterparties(vatNumber);
      return toCompanies(vatNumber, data);
    } catch (error) {
      // Invoicebox documents an empty list for an unknown INN; a 404 means the same.
      if (error instanceof InvoiceboxNotFoundError) return [];
      if (error instanceof InvoiceboxRateLimitError)
        throw new RateLimited(
          'Invoicebox asks us to slow down; type the company details or retry in a minute.',
          {
            cause: error,
          },
        );
      if (error instanceof InvoiceboxNetworkError || error instanceof InvoiceboxUnknownResultError)
        throw new InvoiceboxUnavailable(
          'Invoicebox did not answer the company lookup; type the company details or retry later.',
          { cause: error },
        );
      throw error;
    }
  });
}
