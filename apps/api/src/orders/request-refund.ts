import { and, eq, isNull, sql } from 'drizzle-orm';
import { refundRequests } from '../db/schema.js';
import type { Deps } from '../deps.js';
import { Conflict, InvalidState, NotFound } from '../errors.js';
import type { Logger } from '../logger.js';
import { loadOrder } from './load-order.js';

const REFUNDABLE = ['paid', 'partially_refunded'];

/**
 * The shopper asks; staff decide (the refund itself is a staff action). One open request per order: the partial
 * unique index decides it, so a burst of requests leaves exactly one row.
 */
export async function requestRefund(deps: Deps, input: { id: string; reason: string }, log: Logger) {
  const order = await loadOrder(deps.db, input.id);
  if (!order) throw new NotFound(`order ${input.id} not found`);
  if (!REFUNDABLE.includes(order.status)) {
    throw new InvalidState(`a refund can be requested for a paid order only (this one is ${order.status})`);
  }
  const [created] = await deps.db
    .insert(refundRequests)
    .values({ orderId: order.id, reason: input.reason })
    .onConflictDoNothing({ target: refundRequests.orderId, where: sql`closed_at IS NULL` })
    .returning({ id: refundRequests.id });
  if (!created) {
    const [open] = await deps.db
      .select({ id: refundRequests.id, createdAt: refundRequests.createdAt })
      .from(refundRequests)
      .where(and(eq(refundRequests.orderId, order.id), isNull(refundRequests.closedAt)));
    throw new Conflict(
      `refund request #${open?.id ?? '?'} for order № ${order.number} is already open (sent ${
        open?.createdAt.toISOString() ?? 'earlier'
      }); staff answer it by e-mail before a new one can be sent`,
    );
  }
  log.info({ orderId: order.id, refundRequestId: created.id }, 'refund requested by the shopper');
  return { ok: true as const };
}
