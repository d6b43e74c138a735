import { eq } from 'drizzle-orm';
import { refunds } from '../db/schema.js';
import type { Deps } from '../deps.js';
import { Conflict, InvalidState, NotFound } from '../errors.js';
import type { Logger } from '../logger.js';
import { type PublicRefund, toPublicRefund } from './public-refund.js';
import { claimAndSendCorrection } from './send-correction-order.js';

/**
 * Staff finish a fee refund whose correction order did not go through: only the missing correction order is sent
 * (the draft refund stays as it is). The claim lets exactly one caller send it; a second click gets a Conflict.
 */
export async function finishFeeRefund(deps: Deps, refundId: string, log: Logger): Promise<PublicRefund> {
  const load = async () => (await deps.db.select().from(refunds).where(eq(refunds.id, refundId)))[0];
  const refund = await load();
  if (!refund) throw new NotFound(`refund ${refundId} not found`);
  if (refund.feeAmount === 0) throw new InvalidState('this refund keeps no fee: there is nothing to finish');
  if (refund.status !== 'created' || !refund.invoiceboxRefundId) {
    throw new InvalidState(
      `only a draft refund at Invoicebox can be finished (this one is ${refund.status})`,
    );
  }
  const sent = await claimAndSendCorrection(deps, refund.id, ['failed', 'pending'], 'staff', log);
  if (!sent) {
    throw new Conflict(
      refund.correctionState === 'created'
        ? 'the fee is already kept: the correction order exists'
        : 'the correction order is being sent right now; wait for its result',
    );
  }
  return toPublicRefund((await load())!);
}
