import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { describeApiError } from '../../lib/api-error';
import { formatDate } from '../../lib/format-date';
import { useTRPC } from '../../trpc';

const PAGE_SIZE = 10;

const RESOLUTION: Record<string, string> = { refunded: 'возврат сделан', declined: 'отклонён' };

/** The shopper's refund requests for one order, a page at a time; the open one can be declined. */
export function RefundRequests({ orderId, total }: { orderId: string; total: number }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [page, setPage] = useState(1);
  const list = useQuery({
    ...trpc.admin.refundRequests.list.queryOptions({ orderId, page, pageSize: PAGE_SIZE }),
    enabled: total > 0,
  });
  const decline = useMutation(
    trpc.admin.refundRequests.decline.mutationOptions({
      onSettled: () =>
        Promise.all([
          queryClient.invalidateQueries({ queryKey: trpc.admin.refundRequests.list.queryKey() }),
          queryClient.invalidateQueries({ queryKey: trpc.admin.orders.byId.queryKey({ id: orderId }) }),
        ]),
    }),
  );
  if (total === 0) return null;
  const pages = Math.max(1, Math.ceil((list.data?.total ?? total) / PAGE_SIZE));

  return (
    <>
      <h2>Запросы покупателя на возврат</h2>
      {list.isError && (
        <p role="alert" className="error-box">
          {describeApiError(list.error).message}
        </p>
      )}
      <ul className="history" data-testid="refund-requests">
        {(list.data?.requests ?? []).map((request) => (
          <li key={request.id} data-testid="refund-request" data-open={request.closedAt === null}>
            №{request.id}, {formatDate(request.createdAt)}: {request.reason}{' '}
            {request.closedAt === null ? (
              <button
                type="button"
                disabled={decline.isPending}
                onClick={() => {
                  if (window.confirm(`Отклонить запрос №${request.id}?`)) decline.mutate({ id: request.id });
                }}
              >
                Отклонить
              </button>
            ) : (
              <span className="muted">({RESOLUTION[request.resolution ?? ''] ?? 'закрыт'})</span>
            )}
          </li>
        ))}
      </ul>
      {decline.isError && (
        <p role="alert" className="error-box">
          {describeApiError(decline.error).message}
        </p>
      )}
      {pages > 1 && (
        <nav aria-label="Страницы запросов" className="pager">
          <button type="button" disabled={page <= 1} onClick={() => setPage(page - 1)}>
            Назад
          </button>
          <span>
            Страница {page} из {pages}
          </span>
          <button type="button" disabled={page >= pages} onClick={() => setPage(page + 1)}>
            Дальше
          </button>
        </nav>
      )}
    </>
  );
}
