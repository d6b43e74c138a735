import type { OrderStatus as ApiOrderStatus } from '@checkout/api';

// Order statuses of the shop API (contracts section 3), as a shopper or staff member reads them. Only the type
// comes from the API (no server code in the bundle); `satisfies` breaks the build if the two drift apart.
export const ORDER_STATUS_LABELS = {
  pending: 'Создаётся',
  awaiting_payment: 'Ожидает оплаты',
  held: 'Средства заблокированы',
  paid: 'Оплачен',
  partially_refunded: 'Частично возвращён',
  refunded: 'Возвращён',
  failed: 'Не оплачен',
  canceled: 'Отменён',
  expired: 'Срок оплаты истёк',
} as const satisfies Record<ApiOrderStatus, string>;

export type OrderStatus = keyof typeof ORDER_STATUS_LABELS;
export const ORDER_STATUSES = Object.keys(ORDER_STATUS_LABELS) as OrderStatus[];

export function statusLabel(status: string): string {
  return (ORDER_STATUS_LABELS as Record<string, string>)[status] ?? status;
}

export const isAwaitingPayment = (status: string) => status === 'pending' || status === 'awaiting_payment';
/** Staff may cancel it: an unpaid order, or a held one (its hold is released in full). */
export const isCancelable = (status: string) => isAwaitingPayment(status) || status === 'held';
export const isUnpaidFinal = (status: string) =>
  status === 'failed' || status === 'expired' || status === 'canceled';
/** Canceled after a hold: the money was blocked and then given back (only a hold sets paidAt before payment). */
export const isReleasedHold = (status: string, paidAt: string | null) =>
  status === 'canceled' && paidAt !== null;
export const isPaidLike = (status: string) =>
  status === 'paid' || status === 'partially_refunded' || status === 'refunded';
