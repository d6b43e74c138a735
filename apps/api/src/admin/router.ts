import { z } from 'zod';
import { orderIdInput, plainText } from '../orders/inputs.js';
import { createRefund } from '../refunds/create-refund.js';
import { finishFeeRefund } from '../refunds/finish-fee-refund.js';
import { listRefundable } from '../refunds/refundable.js';
import { createShipment } from '../shipments/create-shipment.js';
import { recheckPendingShipments } from '../shipments/recheck-pending.js';
import { adminProcedure, router } from '../trpc/init.js';
import { cancelOrder } from './cancel-order.js';
import { adminOrderListInput } from './list-input.js';
import { listOrders } from './list-orders.js';
import { loadOrderDetails } from './order-details.js';
import { declineRefundRequest, listRefundRequests } from './refund-requests.js';

/** Some of an order's lines (refunded or shipped); left out, the whole of what is left. */
const someLines = (what: string) =>
  z
    .array(
      z.strictObject({
        sku: plainText().trim().min(1).max(64),
        quantity: z
          .number()
          .int('quantity must be a whole number')
          .min(1, 'quantity must be at least 1')
          .max(999),
      }),
    )
    .min(1, `lines must not be empty (leave it out to ${what})`)
    .optional();

const refundInput = z.strictObject({
  orderId: z.uuid('orderId must be an order id (UUID)'),
  lines: someLines('refund everything'),
  reason: plainText().trim().max(1000).optional(),
  /** Kept by the shop out of this refund (kopecks, less than the refund); the shopper gets the rest. */
  fee: z
    .strictObject({
      kopecks: z
        .number()
        .int('fee.kopecks must be a whole number of kopecks')
        .min(1, 'fee.kopecks must be more than 0')
        .max(1_000_000_000),
      description: plainText().trim().max(128).optional(),
    })
    .optional(),
});

const shipmentInput = z.strictObject({
  orderId: z.uuid('orderId must be an order id (UUID)'),
  lines: someLines('ship everything left'),
});

const refundRequestListInput = z
  .strictObject({
    orderId: z.uuid('orderId must be an order id (UUID)').optional(),
    open: z.boolean().optional(),
    page: z.number().int().min(1).max(100_000).default(1),
    pageSize: z.number().int().min(1).max(100).default(20),
  })
  .default({ page: 1, pageSize: 20 });

export const adminRouter = router({
  orders: router({
    list: adminProcedure.input(adminOrderListInput).query(({ ctx, input }) => listOrders(ctx.db, input)),
    byId: adminProcedure.input(orderIdInput).query(({ ctx, input }) => loadOrderDetails(ctx.db, input.id)),
    cancel: adminProcedure
      .input(orderIdInput)
      .mutation(({ ctx, input }) => cancelOrder(ctx, input.id, ctx.log)),
  }),
  refunds: router({
    refundable: adminProcedure
      .input(z.strictObject({ orderId: z.uuid('orderId must be an order id (UUID)') }))
      .query(({ ctx, input }) => listRefundable(ctx, input.orderId)),
    create: adminProcedure.input(refundInput).mutation(({ ctx, input }) => createRefund(ctx, input, ctx.log)),
    finishFee: adminProcedure
      .input(z.strictObject({ refundId: z.uuid('refundId must be a refund id (UUID)') }))
      .mutation(({ ctx, input }) => finishFeeRefund(ctx, input.refundId, ctx.log)),
  }),
  shipments: router({
    create: adminProcedure
      .input(shipmentInput)
      .mutation(({ ctx, input }) => createShipment(ctx, input, ctx.log)),
    /** Asks Invoicebox about shipments whose result was never known; answers how many are still pending. */
    recheck: adminProcedure
      .input(z.strictObject({ orderId: z.uuid('orderId must be an order id (UUID)') }))
      .mutation(async ({ ctx, input }) => ({
        pending: await recheckPendingShipments(ctx, input.orderId, ctx.log),
      })),
  }),
  refundRequests: router({
    list: adminProcedure
      .input(refundRequestListInput)
      .query(({ ctx, input }) => listRefundRequests(ctx.db, input)),
    decline: adminProcedure
      .input(z.strictObject({ id: z.number().int().min(1, 'id must be a refund request number') }))
      .mutation(({ ctx, input }) => declineRefundRequest(ctx.db, input.id)),
  }),
  webhooks: router({
    /** Unsigned posts this replica turned away: counts by reason and the latest sampled digests. */
    rejections: adminProcedure.query(({ ctx }) => ctx.webhookRejections.snapshot()),
  }),
});
