import type { OrderStatus as ApiOrderStatus } from '@checkout/api';

// Order statuses of the shop API (contracts section 3), as a shopper or staff member reads them. Only the type
// comes from the API (no server code in the bundle); `satisfies` breaks the build if the two drift apart.
export const ORDER_STATUS_LABELS = {
  pending: 'Создаётся',
  awaiting_payment: 'Ожидает оплаты',
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
export const isUnpaidFinal = (status: string) =>
  status === 'failed' || status === 'expired' || status === 'canceled';
export const isPaidLike = (status: string) =>
  status === 'paid' || status === 'partially_refunded' || status === 'refunded';
