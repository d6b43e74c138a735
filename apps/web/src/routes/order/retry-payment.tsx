import { replaceCart } from '../../cart/cart-store';
import { isAwaitingPayment } from '../../lib/order-status';
import { allowedPaymentUrl } from '../../lib/payment-url';
import { navigate } from '../../router';
import type { PublicOrder } from '../../trpc';

const HEADLINES: Record<string, string> = {
  canceled: 'Заказ отменён',
  expired: 'Срок оплаты заказа истёк',
};

/** After a declined or abandoned payment: pay the same order again, or start over from its lines. */
export function RetryPayment({ order }: { order: PublicOrder }) {
  const paymentUrl = allowedPaymentUrl(order.paymentUrl);
  const payable = isAwaitingPayment(order.status) && paymentUrl;
  const startOver = () => {
    replaceCart(order.lines.map((line) => ({ sku: line.sku, quantity: line.quantity })));
    navigate('/checkout');
  };
  return (
    <div className="notice warning" role="alert" data-testid="payment-failed">
      <p>
        <strong>{HEADLINES[order.status] ?? 'Оплата не прошла'}</strong>, заказ не оплачен. Деньги не списаны.
      </p>
      <p className="actions">
        {payable ? (
          <a className="button primary" href={paymentUrl} data-testid="retry-payment">
            Попробовать оплатить снова
          </a>
        ) : (
          <button type="button" className="primary" onClick={startOver} data-testid="reorder">
            Оформить заказ заново
          </button>
        )}
      </p>
    </div>
  );
}
