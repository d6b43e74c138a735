import { shopCustomerSchema } from '@checkout/invoicebox/web';
import { z } from 'zod';
import { publicProcedure, router } from '../trpc/init.js';
import { findCompanies } from './find-companies.js';

// The checkout's own INN rule (length, then checksum), under the checkout's field name: a client marks the same
// field whichever call refused it, and a typo costs no Invoicebox call.
export const companyLookupInput = z.strictObject({ vatNumber: shopCustomerSchema.shape.vatNumber.unwrap() });

export const companiesRouter = router({
  /** Companies (a company's branches) registered under the INN; empty when the registry has none. */
  byInn: publicProcedure
    .input(companyLookupInput)
    .query(({ ctx, input }) => findCompanies(ctx, input.vatNumber, ctx.log)),
});
