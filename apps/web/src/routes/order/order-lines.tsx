import { formatDate } from '../../lib/format-date';
import type { PublicOrder } from '../../trpc';
import { Totals } from '../totals';
import { LinesTable } from './lines-table';

export function OrderLines({ order }: { order: PublicOrder }) {
  return (
    <>
      <LinesTable lines={order.lines} caption="Состав заказа" />
      <Totals amount={order.amount} vatAmount={order.vatAmount} testId="order-total">
        <dt className="muted">Оформлен</dt>
        <dd className="muted">{formatDate(order.createdAt)}</dd>
        {order.paidAt && (
          <>
            <dt className="muted">Оплачен</dt>
            <dd className="muted">{formatDate(order.paidAt)}</dd>
          </>
        )}
      </Totals>
    </>
  );
}
