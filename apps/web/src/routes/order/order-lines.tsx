import { formatRub, vatLabel } from '@checkout/invoicebox/web';
import { formatDate } from '../../lib/format-date';
import type { PublicOrder } from '../../trpc';

export function OrderLines({ order }: { order: PublicOrder }) {
  return (
    <>
      <div className="table-scroll">
        <table className="lines-table">
          <caption className="visually-hidden">Состав заказа</caption>
          <thead>
            <tr>
              <th scope="col">Товар</th>
              <th scope="col">Кол-во</th>
              <th scope="col">Цена</th>
              <th scope="col">Сумма</th>
            </tr>
          </thead>
          <tbody>
            {order.lines.map((line) => (
              <tr key={line.sku} data-testid="order-line">
                <td>
                  {line.name}
                  <br />
                  <small className="muted">{vatLabel(line.vatCode)}</small>
                </td>
                <td>{line.quantity}</td>
                <td>{formatRub(line.unitPrice)}</td>
                <td>{formatRub(line.total)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <dl className="totals">
        <dt>Итого</dt>
        <dd data-testid="order-total">{formatRub(order.amount)}</dd>
        <dt className="muted">в т. ч. НДС</dt>
        <dd className="muted">{formatRub(order.vatAmount)}</dd>
        <dt className="muted">Оформлен</dt>
        <dd className="muted">{formatDate(order.createdAt)}</dd>
        {order.paidAt && (
          <>
            <dt className="muted">Оплачен</dt>
            <dd className="muted">{formatDate(order.paidAt)}</dd>
          </>
        )}
      </dl>
    </>
  );
}
