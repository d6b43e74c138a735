import { formatRub } from '@checkout/invoicebox/web';
import { useEffect } from 'react';
import { MAX_QUANTITY } from '../cart/cart-storage';
import { pruneCart, setQuantity, useCart } from '../cart/cart-store';
import { priceCart } from '../cart/cart-totals';
import { Link } from '../router';
import type { Product } from '../trpc';
import { Totals } from './totals';

type Props = { products: readonly Product[] | undefined; editable?: boolean; checkoutLink?: boolean };

export function CartPanel({ products, editable = true, checkoutLink = true }: Props) {
  const cart = useCart();
  const priced = priceCart(cart, products);

  // A saved cart may name products that are gone since: forget them once the catalog says so.
  useEffect(() => {
    if (products) pruneCart(new Set(products.map((product) => product.sku)));
  }, [products]);

  return (
    <aside className="cart-panel" aria-labelledby="cart-title" data-testid="cart">
      <h2 id="cart-title">Корзина</h2>
      {priced.lines.length === 0 ? (
        <p className="muted">{cart.length > 0 && !products ? 'Загружаем корзину…' : 'Корзина пуста.'}</p>
      ) : (
        <>
          <ul className="cart-lines">
            {priced.lines.map(({ product, quantity, total }) => (
              <li key={product.sku} className="cart-line" data-testid="cart-line" data-sku={product.sku}>
                <span className="cart-line-name">{product.name}</span>
                {editable ? (
                  <span className="quantity-editor">
                    <button
                      type="button"
                      onClick={() => setQuantity(product.sku, quantity - 1)}
                      aria-label={`Уменьшить количество: ${product.name}`}
                    >
                      −
                    </button>
                    <input
                      type="number"
                      inputMode="numeric"
                      min={0}
                      max={MAX_QUANTITY}
                      value={quantity}
                      aria-label={`Количество: ${product.name}`}
                      onChange={(event) => {
                        const value = event.currentTarget.valueAsNumber;
                        if (!Number.isNaN(value)) setQuantity(product.sku, value);
                      }}
                    />
                    <button
                      type="button"
                      onClick={() => setQuantity(product.sku, quantity + 1)}
                      aria-label={`Увеличить количество: ${product.name}`}
                      disabled={quantity >= MAX_QUANTITY}
                    >
                      +
                    </button>
                  </span>
                ) : (
                  <span>× {quantity}</span>
                )}
                <span className="cart-line-total">{formatRub(total)}</span>
                {editable && (
                  <button
                    type="button"
                    className="link-button"
                    onClick={() => setQuantity(product.sku, 0)}
                    aria-label={`Убрать из корзины: ${product.name}`}
                  >
                    Убрать
                  </button>
                )}
              </li>
            ))}
          </ul>
          <Totals amount={priced.amount} vatAmount={priced.vatAmount} testId="cart-total" />
          {checkoutLink && (
            <Link href="/checkout" className="button primary" data-testid="go-checkout">
              Оформить заказ
            </Link>
          )}
        </>
      )}
    </aside>
  );
}
