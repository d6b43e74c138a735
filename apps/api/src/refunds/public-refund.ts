import type { RefundRow } from './transitions.js';

export const toPublicRefund = (refund: RefundRow) => ({
  id: refund.id,
  invoiceboxRefundId: refund.invoiceboxRefundId,
  status: refund.status,
  amount: refund.amount,
  vatAmount: refund.vatAmount,
  lines: refund.lines,
  reason: refund.reason,
  failureReason: refund.failureReason,
  createdAt: refund.createdAt.toISOString(),
  completedAt: refund.completedAt?.toISOString() ?? null,
});
export type PublicRefund = ReturnType<typeof toPublicRefund>;
