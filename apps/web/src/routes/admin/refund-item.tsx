import { formatRub } from '@checkout/invoicebox/web';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { describeApiError } from '../../lib/api-error';
import { formatDate } from '../../lib/format-date';
import { type AdminOrder, useTRPC } from '../../trpc';

type Refund = AdminOrder['refunds'][number];

// Keyed by the API's refund status union: a status added or removed there fails the web typecheck until relabelled.
const REFUND_STATUS = {
  pending: 'В обработке',
  created: 'В обработке',
  completed: 'Выполнен',
  failed: 'Ошибка',
  canceled: 'Отменён',
} as const satisfies Record<Refund['status'], string>;

/** A fee refund whose draft waits at Invoicebox for its correction order: only staff can finish it. */
const waitsForStaff = (refund: Refund) =>
  refund.feeAmount > 0 && refund.status === 'created' && refund.correctionState === 'failed';

/** One refund on the staff order page: refunded, fee kept and returned, and a way to finish a half-done one. */
export function RefundItem({ orderId, refund }: { orderId: string; refund: Refund }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const finish = useMutation(
    trpc.admin.refunds.finishFee.mutationOptions({
      onSettled: () =>
        queryClient.invalidateQueries({ queryKey: trpc.admin.orders.byId.queryKey({ id: orderId }) }),
    }),
  );
  return (
    <li data-testid="refund" data-status={refund.status} data-correction={refund.correctionState}>
      {formatDate(refund.createdAt)}: {formatRub(refund.amount)} —{' '}
      <strong>{REFUND_STATUS[refund.status]}</strong>
      {refund.reason && <span className="muted"> ({refund.reason})</span>}
      {refund.failureReason && <span className="muted"> {refund.failureReason}</span>}
      {refund.feeAmount > 0 && (
        <span data-testid="refund-fee">
          {' '}
          · удержано {formatRub(refund.feeAmount)}
          {refund.feeName ? ` («${refund.feeName}»)` : ''} · покупателю {formatRub(refund.returnedAmount)}
        </span>
      )}
      {waitsForStaff(refund) && (
        <div className="notice" data-testid="refund-draft">
          <p>
            <strong>Черновик: удержание не оформлено.</strong> Инвойсбокс держит черновик возврата, но не
            принял заказ-корректировку с удержанием
            {refund.correctionError ? ` (${refund.correctionError})` : ''}. Деньги не вернутся, пока удержание
            не оформлено.
          </p>
          <button
            type="button"
            disabled={finish.isPending}
            onClick={() => finish.mutate({ refundId: refund.id })}
            data-testid="finish-fee-refund"
          >
            Оформить удержание и завершить возврат
          </button>
          {finish.isError && (
            <p role="alert" className="error-box">
              {describeApiError(finish.error).message}
            </p>
          )}
        </div>
      )}
      {refund.feeAmount > 0 && refund.correctionState === 'sending' && (
        <span className="muted"> · удержание оформляется</span>
      )}
    </li>
  );
}
