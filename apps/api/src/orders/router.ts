import type { Deps } from '../deps.js';
import { publicProcedure, router } from '../trpc/init.js';
import { checkout } from './checkout.js';
import { createOrderInput, orderIdInput, refundRequestInput } from './inputs.js';
import { loadPublicOrder } from './public-order.js';
import { requestRefund } from './request-refund.js';
import { syncOrderQuietly } from './sync-order.js';

/** The order as its page shows it, with the shop's setting that changes the wording (money blocked until shipping). */
const orderPage = async (deps: Deps, id: string) => ({
  ...(await loadPublicOrder(deps.db, id)),
  holdPayments: deps.config.holdPayments,
});

export const ordersRouter = router({
  create: publicProcedure.input(createOrderInput).mutation(({ ctx, input }) => checkout(ctx, input, ctx.log)),
  byId: publicProcedure.input(orderIdInput).query(({ ctx, input }) => orderPage(ctx, input.id)),
  // A query (the order page polls it), though it may move the order on: it only ever applies Invoicebox's truth.
  sync: publicProcedure.input(orderIdInput).query(async ({ ctx, input }) => {
    await syncOrderQuietly(ctx, input.id, 'sync', ctx.log);
    return orderPage(ctx, input.id);
  }),
  requestRefund: publicProcedure
    .input(refundRequestInput)
    .mutation(({ ctx, input }) => requestRefund(ctx, input, ctx.log)),
});
