import { TRPCError } from '@trpc/server';
import { refundRequests } from '../db/schema.js';
import type { Deps } from '../deps.js';
import type { Logger } from '../logger.js';
import { loadOrder } from './load-order.js';

const REFUNDABLE = ['paid', 'partially_refunded'];

/** The shopper asks; staff decide (the refund itself is a staff action). */
export async function requestRefund(deps: Deps, input: { id: string; reason: string }, log: Logger) {
  const order = await loadOrder(deps.db, input.id);
  if (!order) throw new TRPCError({ code: 'NOT_FOUND', message: `order ${input.id} not found` });
  if (!REFUNDABLE.includes(order.status)) {
    throw new TRPCError({
      code: 'PRECONDITION_FAILED',
      message: `a refund can be requested for a paid order only (this one is ${order.status})`,
    });
  }
  await deps.db.insert(refundRequests).values({ orderId: order.id, reason: input.reason });
  log.info({ orderId: order.id }, 'refund requested by the shopper');
  return { ok: true as const };
}
