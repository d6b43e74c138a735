import { fromKopecks, toKopecks } from '@checkout/invoicebox';
import { z } from 'zod';
import { ApiError, notFound, validationError } from '../api-error.js';
import type { SandboxContext } from '../context.js';
import { atomNow } from '../time.js';
import type { MerchantConfig, OrderJson, RefundJson } from '../types.js';
import { createOrder } from './create-order.js';
import { completeRefund, publicRefund } from './refunds.js';

/** Roubles as a JSON number or a numeric string, to integer kopecks (exact; more than 2 decimals is an error). */
const kopecks = z.union([z.number(), z.string().regex(/^\s*\d+(\.\d+)?\s*$/)]).transform((value, ctx) => {
  try {
    const result = toKopecks(value);
    if (result >= 0) return result;
    ctx.addIssue({ code: 'custom', message: 'amount must not be negative' });
  } catch (error) {
    ctx.addIssue({ code: 'custom', message: (error as Error).message });
  }
  return z.NEVER;
});

// Only what the correction itself needs; the rest of the body is a create-order request and is checked as one.
const correctionFields = z.looseObject({
  parentId: z.string({ error: 'parentId is required: the id of a refund in status "draft"' }).min(1).max(36),
  amount: kopecks,
  currencyId: z.string().optional(),
});

const parentError = (status: number, code: string, message: string) =>
  new ApiError(status, code, message, [{ name: 'parentId', code: 'wrong_value', message }]);

function draftRefundOf(ctx: SandboxContext, merchant: MerchantConfig, parentId: string): RefundJson {
  const refund = ctx.store.data.refunds[parentId];
  if (!refund || refund.merchantId !== merchant.merchantId) {
    if (ctx.store.order(parentId)?.order.merchantId === merchant.merchantId) {
      const message = `parentId ${parentId} is an order, not a refund; create the refund with status "draft" first`;
      throw parentError(422, 'wrong_order_status', message);
    }
    throw parentError(404, 'not_found', `refund ${parentId} not found`);
  }
  if (refund.status !== 'draft') {
    const message = `refund ${parentId} is in status "${refund.status}"; only a "draft" refund takes a correction order`;
    throw parentError(422, 'wrong_order_status', message);
  }
  return refund;
}

/**
 * `POST /v3/billing/api/order/correction-order` (docs §5.10): an order holding the fee/penalty lines kept from a
 * draft refund. It is paid out of the refund at once (`completed`); the refund moves on to `created` and completes
 * as any refund does, and the payer gets the refund minus the correction.
 */
export function createCorrectionOrder(
  ctx: SandboxContext,
  merchant: MerchantConfig,
  body: unknown,
): OrderJson {
  const parsed = correctionFields.safeParse(body);
  if (!parsed.success) throw validationError(parsed.error);
  const { parentId, amount, currencyId } = parsed.data;
  const refund = draftRefundOf(ctx, merchant, parentId);
  if (currencyId !== undefined && currencyId !== refund.currencyId) {
    const message = `currencyId ${currencyId} differs from the refund's ${refund.currencyId}`;
    throw new ApiError(422, 'wrong_currency', message, [
      { name: 'currencyId', code: 'wrong_value', message },
    ]);
  }
  if (amount > toKopecks(refund.amount)) {
    const message = `correction amount ${fromKopecks(amount)} exceeds the refund amount ${refund.amount}`;
    throw new ApiError(422, 'wrong_total_amount', message, [
      { name: 'amount', code: 'wrong_value', message },
    ]);
  }
  // The order part goes through the ordinary create-order checks (basket arithmetic, duplicates, dates);
  // parentId is ours to set, whatever the order schema makes of it.
  const { parentId: _parent, ...orderBody } = parsed.data as Record<string, unknown>;
  const order = createOrder(ctx, merchant, { ...orderBody, amount: fromKopecks(amount) });
  order.parentId = refund.id;
  order.status = 'completed';
  order.paidAt = atomNow();

  const delay = ctx.refundCompletionDelayMs;
  refund.status = 'created';
  refund.completeAt = new Date(Date.now() + delay).toISOString();
  ctx.store.changed();
  ctx.later(delay, () => completeRefund(ctx, refund.id));
  return order;
}

export const correctionOrdersOf = (ctx: SandboxContext, refundId: string) =>
  Object.values(ctx.store.data.orders)
    .map((r) => r.order)
    .filter((o) => o.parentId === refundId && o.status === 'completed');

/** What the payer really gets back: the refund minus every correction order kept from it (roubles, exact). */
export function refundPayout(ctx: SandboxContext, refundId: string) {
  const refund = ctx.store.data.refunds[refundId];
  if (!refund) throw notFound(`Refund ${refundId}`);
  const corrections = correctionOrdersOf(ctx, refundId);
  const kept = corrections.reduce((sum, o) => sum + toKopecks(o.amount), 0);
  return {
    refund: publicRefund(refund),
    correctionOrders: corrections,
    payout: {
      refundAmount: refund.amount,
      correctionAmount: fromKopecks(kept),
      returnedAmount: fromKopecks(toKopecks(refund.amount) - kept),
    },
  };
}
