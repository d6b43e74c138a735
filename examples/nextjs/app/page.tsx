import { createOrder } from './actions';

export const dynamic = 'force-dynamic';

export default function CheckoutPage() {
  return (
    <main>
      <h1>Чай зелёный, 100 г × 3</h1>
      <form action={createOrder}>
        <input name="merchantOrderId" placeholder="Order number (optional)" />
        <button type="submit">Pay 371.88 ₽</button>
      </form>
    </main>
  );
}
