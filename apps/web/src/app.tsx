import { lazy, Suspense, useEffect, useRef } from 'react';
import { Link, Route, Switch, useLocation } from 'wouter';
import { useCart } from './cart/cart-store';
import { CatalogPage } from './routes/catalog-page';
import { NotFoundPage } from './routes/not-found-page';

// Only the catalog is in the first download; checkout and the order page follow when visited, and staff pages
// are a chunk shoppers never download.
const CheckoutPage = lazy(() =>
  import('./routes/checkout/checkout-page').then((m) => ({ default: m.CheckoutPage })),
);
const OrderPage = lazy(() => import('./routes/order/order-page').then((m) => ({ default: m.OrderPage })));
const AdminOrdersPage = lazy(() => import('./routes/admin').then((m) => ({ default: m.AdminOrdersPage })));
const AdminOrderPage = lazy(() => import('./routes/admin').then((m) => ({ default: m.AdminOrderPage })));

export function App() {
  const count = useCart().reduce((sum, line) => sum + line.quantity, 0);
  const [location] = useLocation();
  const mainRef = useRef<HTMLElement>(null);
  const shownLocation = useRef(location);

  // After an in-app navigation, move focus to the new page so keyboard and screen-reader users start there.
  useEffect(() => {
    if (shownLocation.current === location) return;
    shownLocation.current = location;
    mainRef.current?.focus();
  }, [location]);

  return (
    <>
      <a className="skip-link" href="#main">
        К содержимому
      </a>
      <header className="site-header">
        <Link href="/" className="brand">
          Демо-магазин
        </Link>
        <nav aria-label="Магазин">
          <Link href="/checkout" className="cart-link" data-testid="cart-link">
            Корзина{count > 0 ? ` (${count})` : ''}
          </Link>
        </nav>
      </header>
      <main id="main" tabIndex={-1} ref={mainRef}>
        <Suspense fallback={<p aria-live="polite">Загружаем…</p>}>
          <Switch>
            <Route path="/" component={CatalogPage} />
            <Route path="/checkout" component={CheckoutPage} />
            <Route path="/orders/:id" component={OrderPage} />
            <Route path="/admin" component={AdminOrdersPage} />
            <Route path="/admin/orders/:id" component={AdminOrderPage} />
            <Route component={NotFoundPage} />
          </Switch>
        </Suspense>
      </main>
      <footer className="site-footer">
        <Link href="/admin">Для сотрудников</Link>
      </footer>
    </>
  );
}
