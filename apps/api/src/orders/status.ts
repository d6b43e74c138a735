export const ORDER_STATUSES = [
  'pending',
  'awaiting_payment',
  /** The card payment is only held (pre-authorised) at Invoicebox: captured by a final shipment, or released. */
  'held',
  'paid',
  'partially_refunded',
  'refunded',
  'failed',
  'canceled',
  'expired',
] as const;
export type OrderStatus = (typeof ORDER_STATUSES)[number];

/** Who caused a status change; stored with every order event. */
export type TransitionSource = 'notification' | 'sync' | 'reconciler' | 'staff' | 'checkout';

/** Statuses that nothing at Invoicebox can change any more (refund notifications aside). */
export const FINAL_STATUSES: readonly OrderStatus[] = ['refunded', 'failed', 'canceled', 'expired'];
export const PAID_STATUSES: readonly OrderStatus[] = ['paid', 'partially_refunded', 'refunded'];
export const UNPAID_OPEN_STATUSES: readonly OrderStatus[] = ['pending', 'awaiting_payment'];

export const isOrderStatus = (value: string): value is OrderStatus =>
  (ORDER_STATUSES as readonly string[]).includes(value);
