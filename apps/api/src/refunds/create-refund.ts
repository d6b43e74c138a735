import { randomUUID } from 'node:crypto';
import {
  fromKopecks,
  InvoiceboxApiError,
  InvoiceboxNetworkError,
  InvoiceboxUnknownResultError,
  normalizeOrderStatus,
  toBasketItems,
} from '@checkout/invoicebox';
import { eq } from 'drizzle-orm';
import { closeRefundRequests } from '../admin/refund-requests.js';
import { refunds } from '../db/schema.js';
import type { Deps } from '../deps.js';
import { Conflict, FieldErrors, InvalidState, InvoiceboxRefused, InvoiceboxUnavailable } from '../errors.js';
import { InvoiceboxBudgetError } from '../limits/budget.js';
import type { Logger } from '../logger.js';
import { basketFromLines, storedLines } from '../orders/basket-from-lines.js';
import { loadOrderLines } from '../orders/load-order.js';
import { completeRefund } from './complete-refund.js';
import { buildFeeLine, type FeeInput } from './fee-line.js';
import { type PublicRefund, toPublicRefund } from './public-refund.js';
import { recordRemoteStatus } from './record-remote-status.js';
import { listRefundable, requireRefundableOrder } from './refundable.js';
import { claimAndSendCorrection } from './send-correction-order.js';
import { transitionRefund } from './transitions.js';

export type CreateRefundInput = {
  orderId: string;
  lines?: { sku: string; quantity: number }[];
  reason?: string;
  /** Kept by the shop: a draft refund plus a correction order of this fee (Invoicebox docs §5.10). */
  fee?: FeeInput;
};

/**
 * A full or partial refund. Our row is saved first; its id goes to Invoicebox as merchantOrderId, which
 * Invoicebox refuses to reuse, so a repeated or retried request cannot refund twice.
 */
export async function createRefund(deps: Deps, input: CreateRefundInput, log: Logger): Promise<PublicRefund> {
  const order = await requireRefundableOrder(deps, input.orderId);
  const available = await listRefundable(deps, input.orderId);
  const picked = input.lines
    ? input.lines
    : available
        .filter((l) => l.availableQuantity > 0)
        .map((l) => ({ sku: l.sku, quantity: l.availableQuantity }));
  const problems = (input.lines ?? []).flatMap((line, index) => {
    const row = available.find((a) => a.sku === line.sku);
    if (!row) return [{ path: ['lines', index, 'sku'], message: `sku ${line.sku} is not in this order` }];
    if (line.quantity > row.availableQuantity) {
      return [
        {
          path: ['lines', index, 'quantity'],
          message: `at most ${row.availableQuantity} of ${line.sku} can be refunded`,
        },
      ];
    }
    return [];
  });
  if (problems.length > 0) {
    throw new FieldErrors(problems);
  }
  if (picked.length === 0) throw new InvalidState('nothing left to refund');

  const snapshots = new Map((await loadOrderLines(deps.db, order.id)).map((line) => [line.sku, line]));
  const lines = picked.map((p) => {
    const snapshot = snapshots.get(p.sku);
    if (!snapshot) throw new Conflict(`sku ${p.sku} is refundable at Invoicebox but not in our order`);
    return { ...snapshot, quantity: p.quantity };
  });
  const basket = basketFromLines(lines);
  const fee = input.fee ? buildFeeLine(input.fee, basket) : null;
  const refundId = randomUUID();
  const description = input.reason?.trim() || `Возврат по заказу № ${order.number}`;
  const [saved] = await deps.db
    .insert(refunds)
    .values({
      id: refundId,
      orderId: order.id,
      lines: storedLines(basket),
      amount: basket.amount,
      vatAmount: basket.vatAmount,
      status: 'pending',
      reason: input.reason?.trim() || null,
      ...(fee
        ? {
            feeAmount: fee.built.totalAmount,
            feeVatAmount: fee.built.totalVatAmount,
            feeLine: fee.line,
            correctionState: 'pending' as const,
          }
        : {}),
    })
    .returning();

  try {
    const { data, requestId } = await deps.invoicebox('staff').createRefund({
      parentId: order.invoiceboxOrderId,
      merchantOrderId: refundId,
      amount: fromKopecks(basket.amount),
      vatAmount: fromKopecks(basket.vatAmount),
      basketItems: toBasketItems(basket.lines),
      description,
      // A draft takes the correction order; Invoicebox completes it only once that is there.
      ...(fee ? { status: 'draft' } : {}),
    } as Parameters<ReturnType<Deps['invoicebox']>['createRefund']>[0]);
    log.info(
      { refundId, invoiceboxRefundId: data.id, invoiceboxRequestId: requestId },
      'refund created at Invoicebox',
    );
    await recordRemoteRefund(deps, refundId, data as { id: string; status: string }, log);
  } catch (error) {
    if (error instanceof InvoiceboxBudgetError) {
      // Never sent: the row must not wait for an Invoicebox refund that cannot exist.
      await transitionRefund(
        deps.db,
        {
          refundId,
          to: 'failed',
          reason: 'not sent',
          patch: { failureReason: 'not sent: Invoicebox call budget used up' },
        },
        log,
      );
      throw error;
    }
    if (error instanceof InvoiceboxUnknownResultError || error instanceof InvoiceboxNetworkError) {
      const found = await deps
        .invoicebox('staff')
        .findRefunds({ merchantOrderId: refundId })
        .catch(() => null);
      const [remote] = (found?.data ?? []) as { id: string; status: string }[];
      if (!remote) {
        throw new InvoiceboxUnavailable(
          `Invoicebox did not confirm refund ${refundId}; it stays pending and is checked on the next sync.`,
          { cause: error },
        );
      }
      await recordRemoteRefund(deps, refundId, remote, log);
    } else if (error instanceof InvoiceboxApiError) {
      const detail = `${error.code ?? 'error'}: ${error.message}`;
      await transitionRefund(
        deps.db,
        { refundId, to: 'failed', reason: 'refused by Invoicebox', patch: { failureReason: detail } },
        log,
      );
      throw new InvoiceboxRefused(`Invoicebox refused the refund (${detail})`, { cause: error });
    } else {
      throw error;
    }
  }
  if (fee) await claimAndSendCorrection(deps, refundId, ['pending'], 'staff', log);
  // The shopper's open request (if any) is answered by this refund.
  await closeRefundRequests(deps.db, order.id, 'refunded');
  const [current] = await deps.db.select().from(refunds).where(eq(refunds.id, refundId));
  return toPublicRefund(current ?? saved!);
}

async function recordRemoteRefund(
  deps: Deps,
  refundId: string,
  remote: { id: string; status: string },
  log: Logger,
) {
  const status = normalizeOrderStatus(remote.status as Parameters<typeof normalizeOrderStatus>[0]) as string;
  if (status === 'completed') {
    await deps.db.transaction((tx) =>
      completeRefund(
        tx,
        {
          refundId,
          invoiceboxRefundId: remote.id,
          source: 'staff',
          reason: `refund ${remote.id} completed at once`,
        },
        log,
      ),
    );
    return;
  }
  // The refund notification may already have completed it: the guarded writer then leaves it alone.
  await recordRemoteStatus(deps.db, refundId, { id: remote.id, status }, log);
}
