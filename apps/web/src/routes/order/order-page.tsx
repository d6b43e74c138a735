import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { describeApiError } from '../../lib/api-error';
import { isAwaitingPayment, isPaidLike, isReleasedHold, isUnpaidFinal } from '../../lib/order-status';
import { allowedPaymentUrl } from '../../lib/payment-url';
import { Link, useSearch } from '../../router';
import { useTRPC } from '../../trpc';
import { OrderLines } from './order-lines';
import { OrderRefunds } from './order-refunds';
import { RefundRequest } from './refund-request';
import { RetryPayment } from './retry-payment';
import { Shipments } from './shipments';
import { StatusLine } from './status-line';

const POLL_MS = 2_000;
const MAX_POLLS = 300;

const orderMissing = (error: unknown) => {
  const code = describeApiError(error).code;
  return code === 'NOT_FOUND' || code === 'BAD_REQUEST';
};

/** The order's real state comes from the API; the return URL's `result` only picks the wording. */
export function OrderPage({ id }: { id: string }) {
  const result = new URLSearchParams(useSearch()).get('result');
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const order = useQuery(trpc.orders.byId.queryOptions({ id }));
  const waiting = order.data ? isAwaitingPayment(order.data.status) : false;
  // While unpaid, ask the API to check with Invoicebox: covers a late or lost notification.
  const sync = useQuery({
    ...trpc.orders.sync.queryOptions({ id }),
    enabled: waiting,
    // About ten minutes of checking; a tab left open longer stops asking (a reload starts again).
    refetchInterval: (query) => (query.state.dataUpdateCount < MAX_POLLS ? POLL_MS : false),
    staleTime: 0,
  });

  useEffect(() => {
    if (sync.data) queryClient.setQueryData(trpc.orders.byId.queryKey({ id }), sync.data);
  }, [sync.data, queryClient, trpc, id]);

  useEffect(() => {
    document.title = order.data ? `Заказ № ${order.data.number} — Демо-магазин` : 'Заказ — Демо-магазин';
  }, [order.data]);

  if (order.isPending) return <p aria-live="polite">Загружаем заказ…</p>;
  if (order.isError) {
    return (
      <section>
        <h1>Заказ</h1>
        <p role="alert" className="error-box">
          {orderMissing(order.error)
            ? 'Заказ не найден. Проверьте ссылку.'
            : describeApiError(order.error).message}
        </p>
        <Link href="/">В каталог</Link>
      </section>
    );
  }

  const data = order.data;
  const failedReturn = waiting && result === 'fail';
  return (
    <section aria-labelledby="order-title" className="order-page">
      <h1 id="order-title">Заказ № {data.number}</h1>
      <StatusLine
        status={data.status}
        testId="order-status"
        released={isReleasedHold(data.status, data.paidAt)}
      />
      {waiting && !failedReturn && (
        <div className="notice" data-testid="awaiting-payment">
          <p>Ждём подтверждения оплаты от платёжного сервиса. Страница обновится сама.</p>
          {data.holdPayments && (
            <p>При оплате картой деньги на ней только заблокируются: спишем их, когда отправим заказ.</p>
          )}
          {allowedPaymentUrl(data.paymentUrl) && (
            <p>
              Ещё не оплатили? <a href={allowedPaymentUrl(data.paymentUrl)}>Перейти к оплате</a>
            </p>
          )}
        </div>
      )}
      {(failedReturn || isUnpaidFinal(data.status)) && <RetryPayment order={data} />}
      {data.status === 'held' && (
        <div className="notice success" data-testid="held">
          <p>Средства на карте заблокированы и будут списаны, когда мы отправим заказ.</p>
        </div>
      )}
      {isPaidLike(data.status) && (
        <div className="notice success" data-testid="paid">
          <p>Спасибо! Оплата получена. Чек отправлен на {data.customer.emailMasked}.</p>
        </div>
      )}
      {/* «Оплачен» with a date only once the money is taken: a hold's paidAt is when it was blocked. */}
      <OrderLines order={isPaidLike(data.status) ? data : { ...data, paidAt: null }} />
      <Shipments shipments={data.shipments} />
      <OrderRefunds refunds={data.refunds} />
      {(data.status === 'paid' || data.status === 'partially_refunded') && <RefundRequest order={data} />}
      <p>
        <Link href="/">Вернуться в каталог</Link>
      </p>
    </section>
  );
}
