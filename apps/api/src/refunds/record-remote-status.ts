import { and, eq, isNull, sql } from 'drizzle-orm';
import type { DbOrTx } from '../db/client.js';
import { refunds } from '../db/schema.js';
import type { Logger } from '../logger.js';
import { transitionRefund } from './transitions.js';

/**
 * What Invoicebox says about a refund that is not completed (completion goes through completeRefund, which also
 * moves the order): its Invoicebox id is kept, and `canceled` or `created` applied only where the table allows,
 * so a refund that a notification completed (or canceled) meanwhile never moves back.
 */
export async function recordRemoteStatus(
  db: DbOrTx,
  refundId: string,
  remote: { id: string; status: string },
  log: Logger,
): Promise<void> {
  const to = remote.status === 'canceled' ? 'canceled' : 'created';
  const result = await transitionRefund(
    db,
    {
      refundId,
      to,
      reason: `Invoicebox refund ${remote.id} is ${remote.status}`,
      patch: { invoiceboxRefundId: remote.id },
    },
    log,
  );
  if (result.outcome === 'applied') return;
  // Already further on (or already created): the id is still worth keeping when we have none.
  await db
    .update(refunds)
    .set({ invoiceboxRefundId: remote.id, updatedAt: sql`now()` })
    .where(and(eq(refunds.id, refundId), isNull(refunds.invoiceboxRefundId)));
}
