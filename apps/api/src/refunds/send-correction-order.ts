import {
  type CreateCorrectionOrderRequest,
  fromKopecks,
  InvoiceboxApiError,
  InvoiceboxAuthError,
  InvoiceboxNetworkError,
  InvoiceboxRequestError,
  InvoiceboxUnknownResultError,
  toBasketItems,
} from '@checkout/invoicebox';
import type { Deps } from '../deps.js';
import { safeError } from '../lib/safe-error.js';
import type { CallPriority } from '../limits/budget.js';
import { InvoiceboxBudgetError } from '../limits/budget.js';
import type { Logger } from '../logger.js';
import { atomDate, payerOf } from '../orders/invoicebox-request.js';
import { loadOrder } from '../orders/load-order.js';
import { claimCorrection, recordCorrectionCreated, recordCorrectionFailed } from './correction-state.js';
import { builtFeeLine } from './fee-line.js';
import type { CorrectionState } from './fee-types.js';
import type { RefundRow } from './transitions.js';

/** The correction order's own number: one per refund, so Invoicebox refuses a second one. */
export const correctionMerchantOrderId = (refundId: string) => `${refundId}-fee`;

/** Invoicebox's correction order for this refund, if it has one. */
export async function findCorrectionOrder(
  deps: Deps,
  refundId: string,
  priority: CallPriority,
): Promise<{ id: string } | null> {
  const found = await deps
    .invoicebox(priority)
    .findOrders({ merchantOrderId: correctionMerchantOrderId(refundId) });
  return ((found.data as { id: string }[])[0] ?? null) as { id: string } | null;
}

/**
 * Sends the correction order of a draft refund once; the caller holds the claim (state `sending`). After an earlier
 * attempt (`lookFirst`) it is looked up first, and an unknown answer is looked up, never repeated. Ends in
 * `created`, `failed` (refused: the draft waits for staff), or stays `sending` when Invoicebox cannot be asked now.
 */
export async function sendCorrectionOrder(
  deps: Deps,
  refund: RefundRow,
  priority: CallPriority,
  log: Logger,
  lookFirst: boolean,
): Promise<void> {
  if (!refund.invoiceboxRefundId || !refund.feeLine)
    throw new Error(`refund ${refund.id} has no draft or no fee to correct`);
  const lookup = () =>
    findCorrectionOrder(deps, refund.id, priority).catch((error: unknown) => {
      log.warn({ refundId: refund.id, err: safeError(error) }, 'correction order lookup failed');
      return undefined;
    });
  if (lookFirst) {
    const earlier = await lookup();
    if (earlier) return recordCorrectionCreated(deps.db, refund.id, earlier.id);
    if (earlier === undefined) return; // Cannot tell whether it exists: left `sending` for the next sync.
  }

  try {
    const { data } = await deps
      .invoicebox(priority)
      .createCorrectionOrder(await correctionRequest(deps, refund));
    log.info({ refundId: refund.id, correctionOrderId: data.id }, 'correction order created at Invoicebox');
    await recordCorrectionCreated(deps.db, refund.id, data.id);
  } catch (error) {
    if (error instanceof InvoiceboxUnknownResultError || error instanceof InvoiceboxNetworkError) {
      log.warn(
        { refundId: refund.id, err: safeError(error) },
        'correction order outcome unknown; looking it up',
      );
      const found = await lookup();
      // Not found: left `sending`; the next sync looks again before anyone may send it again.
      if (found) await recordCorrectionCreated(deps.db, refund.id, found.id);
      return;
    }
    if (error instanceof InvoiceboxApiError) {
      // A refusal (a duplicate number, a refund no longer in draft) may mean another caller's order landed.
      const found = await lookup();
      if (found) return recordCorrectionCreated(deps.db, refund.id, found.id);
    }
    if (
      error instanceof InvoiceboxApiError ||
      error instanceof InvoiceboxAuthError ||
      error instanceof InvoiceboxRequestError ||
      error instanceof InvoiceboxBudgetError
    ) {
      const detail =
        error instanceof InvoiceboxApiError ? `${error.code ?? 'error'}: ${error.message}` : error.message;
      log.warn({ refundId: refund.id, detail }, 'correction order not created; the draft refund waits');
      return recordCorrectionFailed(deps.db, refund.id, detail);
    }
    throw error;
  }
}

/** A create-order request for the fee line, paid by the order's customer, on the draft refund. */
async function correctionRequest(deps: Deps, refund: RefundRow): Promise<CreateCorrectionOrderRequest> {
  const order = await loadOrder(deps.db, refund.orderId);
  if (!order) throw new Error(`order ${refund.orderId} of refund ${refund.id} is gone`);
  const line = builtFeeLine(refund.feeLine!);
  return {
    merchantId: deps.config.merchantId,
    merchantOrderId: correctionMerchantOrderId(refund.id),
    description: `${line.name} (возврат по заказу № ${order.number})`,
    amount: fromKopecks(line.totalAmount),
    vatAmount: fromKopecks(line.totalVatAmount),
    currencyId: 'RUB',
    languageId: 'ru',
    expirationDate: atomDate(new Date(Date.now() + deps.config.orderTtlMs)),
    basketItems: toBasketItems([line]),
    // The shopper pays the fee out of the refund: the «ОПЛАТА» receipt is theirs.
    customer: payerOf(order),
    parentId: refund.invoiceboxRefundId!,
  } as CreateCorrectionOrderRequest;
}

/** Claims the sending (from `from`) and sends; false when another caller has it or it is already done. */
export async function claimAndSendCorrection(
  deps: Deps,
  refundId: string,
  from: readonly CorrectionState[],
  priority: CallPriority,
  log: Logger,
): Promise<boolean> {
  const claimed = await claimCorrection(deps.db, refundId, from);
  if (!claimed) return false;
  // Only a failed attempt may have reached Invoicebox (a refusal whose answer was wrong, say): look first then.
  await sendCorrectionOrder(deps, claimed, priority, log, from.includes('failed'));
  return true;
}
