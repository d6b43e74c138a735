/**
 * pending: saved by us, not yet accepted by Invoicebox (its result may be unknown); created: Invoicebox holds it
 * (its `draft`/`created`); completed: the money went back; canceled: Invoicebox canceled it; failed: never sent,
 * or refused by Invoicebox.
 */
export const REFUND_STATUSES = ['pending', 'created', 'completed', 'canceled', 'failed'] as const;
export type RefundStatus = (typeof REFUND_STATUSES)[number];

/** Statuses still waiting for Invoicebox (sync and the reconciler look at these). */
export const OPEN_REFUND_STATUSES: readonly RefundStatus[] = ['pending', 'created'];

export const isRefundStatus = (value: string): value is RefundStatus =>
  (REFUND_STATUSES as readonly string[]).includes(value);
