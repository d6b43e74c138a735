import { formatRub, vatLabel } from '@checkout/invoicebox/web';
import { useQuery } from '@tanstack/react-query';
import { lazy, Suspense, useEffect } from 'react';
import { addToCart, useCart } from '../cart/cart-store';
import { useTRPC } from '../trpc';

// The cart and its basket arithmetic are not needed to browse and add: they load beside the catalog query, not
// before the first render.
const CartPanel = lazy(() => import('./cart-panel').then((m) => ({ default: m.CartPanel })));

export function CatalogPage() {
  const trpc = useTRPC();
  const catalog = useQuery(trpc.catalog.list.queryOptions());
  const cart = useCart();

  useEffect(() => {
    document.title = 'Каталог — Демо-магазин';
  }, []);

  return (
    <div className="catalog-layout">
      <section aria-labelledby="catalog-title">
        <h1 id="catalog-title">Каталог</h1>
        {catalog.isPending && <p aria-live="polite">Загружаем товары…</p>}
        {catalog.isError && (
          <p role="alert" className="error-box">
            {/* Reading the catalog fails only on the network or the server: one sentence covers both. */}
            Не получилось загрузить каталог. Проверьте интернет и попробуйте ещё раз.{' '}
            <button type="button" onClick={() => catalog.refetch()}>
              Повторить
            </button>
          </p>
        )}
        {catalog.data && (
          <ul className="product-grid" data-testid="catalog">
            {catalog.data.map((product) => {
              const inCart = cart.find((line) => line.sku === product.sku)?.quantity ?? 0;
              return (
                <li key={product.sku} className="product-card" data-testid="product" data-sku={product.sku}>
                  <h2>{product.name}</h2>
                  <p className="product-description">{product.description}</p>
                  <p className="price">
                    {formatRub(product.price)}
                    <span className="muted"> за {product.measure}</span>
                  </p>
                  <p className="muted vat-note">{vatLabel(product.vatCode)}, цена с учётом налога</p>
                  <button
                    type="button"
                    className="primary"
                    onClick={() => {
                      addToCart(product.sku);
                      // Someone with a cart is likely to check out: fetch that page's code now.
                      void import('./checkout/checkout-page');
                    }}
                    aria-label={`Добавить в корзину: ${product.name}`}
                    data-testid="add-to-cart"
                  >
                    {inCart > 0 ? `В корзине: ${inCart}, добавить ещё` : 'В корзину'}
                  </button>
                </li>
              );
            })}
          </ul>
        )}
      </section>
      {catalog.data && (
        <Suspense fallback={null}>
          <CartPanel products={catalog.data} />
        </Suspense>
      )}
    </div>
  );
}
