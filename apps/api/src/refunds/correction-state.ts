import { and, eq, inArray, ne, sql } from 'drizzle-orm';
import type { DbOrTx } from '../db/client.js';
import { refunds } from '../db/schema.js';
import type { CorrectionState } from './fee-types.js';
import type { RefundRow } from './transitions.js';

/**
 * The correction order's state, written only here and always as one guarded UPDATE (… WHERE state IN …), like
 * refund statuses: two callers can never both claim the sending of one correction order.
 */

/** Takes the right to send the correction order (from `from`); null when another caller has it or it is done. */
export async function claimCorrection(
  db: DbOrTx,
  refundId: string,
  from: readonly CorrectionState[],
): Promise<RefundRow | null> {
  const [claimed] = await db
    .update(refunds)
    .set({ correctionState: 'sending', updatedAt: sql`now()` })
    .where(and(eq(refunds.id, refundId), inArray(refunds.correctionState, [...from])))
    .returning();
  return claimed ?? null;
}

/** Invoicebox holds the correction order: final, from any state but `none`. */
export async function recordCorrectionCreated(db: DbOrTx, refundId: string, invoiceboxId: string | null) {
  await db
    .update(refunds)
    .set({
      correctionState: 'created',
      correctionError: null,
      // The refund's completion may have marked it created before its id was known: the id is still kept.
      ...(invoiceboxId
        ? {
            invoiceboxCorrectionOrderId: sql`coalesce(${refunds.invoiceboxCorrectionOrderId}, ${invoiceboxId})`,
          }
        : {}),
      updatedAt: sql`now()`,
    })
    .where(and(eq(refunds.id, refundId), ne(refunds.correctionState, 'none')));
}

/** The correction order is not there (refused, or never confirmed): the draft waits for staff to finish it. */
export async function recordCorrectionFailed(db: DbOrTx, refundId: string, error: string) {
  await db
    .update(refunds)
    .set({ correctionState: 'failed', correctionError: error, updatedAt: sql`now()` })
    .where(and(eq(refunds.id, refundId), inArray(refunds.correctionState, ['pending', 'sending'])));
}
