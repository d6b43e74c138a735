import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { describeApiError } from '../../lib/api-error';
import { type PublicOrder, useTRPC } from '../../trpc';

export function RefundRequest({ order }: { order: PublicOrder }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  const request = useMutation(
    trpc.orders.requestRefund.mutationOptions({
      onSuccess: () =>
        queryClient.invalidateQueries({ queryKey: trpc.orders.byId.queryKey({ id: order.id }) }),
    }),
  );

  if (order.refundRequested || request.isSuccess) {
    return (
      <p className="notice" data-testid="refund-requested">
        Запрос на возврат отправлен. Мы свяжемся с вами по e-mail.
      </p>
    );
  }

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    if (reason.trim().length < 3) return setError('Опишите причину возврата хотя бы парой слов');
    setError(null);
    request.mutate({ id: order.id, reason: reason.trim() });
  };

  return (
    <details className="refund-request">
      <summary>Запросить возврат</summary>
      <form onSubmit={onSubmit} noValidate>
        <label htmlFor="refund-reason">Причина возврата</label>
        <textarea
          id="refund-reason"
          name="reason"
          rows={3}
          maxLength={1000}
          value={reason}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? 'refund-reason-error' : undefined}
          onChange={(event) => setReason(event.currentTarget.value)}
        />
        {error && (
          <p id="refund-reason-error" className="field-error">
            {error}
          </p>
        )}
        {request.isError && (
          <p role="alert" className="error-box">
            {describeApiError(request.error).message}
          </p>
        )}
        <button type="submit" disabled={request.isPending}>
          Отправить запрос
        </button>
      </form>
    </details>
  );
}
