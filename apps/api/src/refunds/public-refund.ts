import type { RefundRow } from './transitions.js';

/** A refund for staff: what was refunded, the fee kept (kopecks) and what reached the shopper. */
export const toPublicRefund = (refund: RefundRow) => ({
  id: refund.id,
  invoiceboxRefundId: refund.invoiceboxRefundId,
  status: refund.status,
  amount: refund.amount,
  vatAmount: refund.vatAmount,
  feeAmount: refund.feeAmount,
  returnedAmount: refund.amount - refund.feeAmount,
  feeName: refund.feeLine?.name ?? null,
  correctionState: refund.correctionState,
  correctionError: refund.correctionError,
  invoiceboxCorrectionOrderId: refund.invoiceboxCorrectionOrderId,
  lines: refund.lines,
  reason: refund.reason,
  failureReason: refund.failureReason,
  createdAt: refund.createdAt.toISOString(),
  completedAt: refund.completedAt?.toISOString() ?? null,
});
export type PublicRefund = ReturnType<typeof toPublicRefund>;

/** What the shopper sees of a refund on the order page: refunded, kept and returned, in kopecks. */
export const toShopperRefund = (refund: RefundRow) => ({
  id: refund.id,
  status: refund.status,
  amount: refund.amount,
  feeAmount: refund.feeAmount,
  returnedAmount: refund.amount - refund.feeAmount,
  createdAt: refund.createdAt.toISOString(),
  completedAt: refund.completedAt?.toISOString() ?? null,
});
export type ShopperRefund = ReturnType<typeof toShopperRefund>;
