import { formatRub } from '@checkout/invoicebox/web';
import { formatDate } from '../../lib/format-date';
import type { PublicOrder } from '../../trpc';

/** What the shop has shipped; after the final shipment Invoicebox has sent the full-settlement receipt. */
export function Shipments({ shipments }: { shipments: PublicOrder['shipments'] }) {
  if (shipments.length === 0) return null;
  const complete = shipments.some((shipment) => shipment.finalReceipt);
  return (
    <section aria-labelledby="shipments-title" data-testid="order-shipments">
      <h2 id="shipments-title">Отгрузки</h2>
      <ul className="history">
        {shipments.map((shipment) => (
          <li key={shipment.createdAt} data-testid="order-shipment">
            {formatDate(shipment.createdAt)}:{' '}
            {shipment.lines.map((line) => `${line.name} × ${line.quantity}`).join(', ')} —{' '}
            {formatRub(shipment.amount)}
          </li>
        ))}
      </ul>
      {complete && (
        <p className="notice success" data-testid="shipped-in-full">
          Заказ отгружен полностью, чек полного расчёта отправлен.
        </p>
      )}
    </section>
  );
}
