import { formatRub } from '@checkout/invoicebox/web';
import type { PublicOrder } from '../../trpc';

/** What came back to the shopper: the amount returned, and the fee the shop kept out of the refund if any. */
export function OrderRefunds({ refunds }: { refunds: PublicOrder['refunds'] }) {
  if (refunds.length === 0) return null;
  return (
    <section aria-labelledby="order-refunds-title" className="order-refunds">
      <h2 id="order-refunds-title">Возвраты</h2>
      <ul data-testid="order-refunds">
        {refunds.map((refund) => {
          const kept = refund.feeAmount > 0 ? ` (удержано ${formatRub(refund.feeAmount)})` : '';
          return (
            <li key={refund.id} data-testid="order-refund" data-status={refund.status}>
              {refund.status === 'completed'
                ? `Возвращено ${formatRub(refund.returnedAmount)}${kept}`
                : `Возврат ${formatRub(refund.returnedAmount)}${kept} оформляется`}
            </li>
          );
        })}
      </ul>
    </section>
  );
}
