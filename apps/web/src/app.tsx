import { type ComponentType, lazy, Suspense, useEffect, useRef } from 'react';
import { useCart } from './cart/cart-store';
import { Link, usePathname } from './router';
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

// A trailing slash is allowed; the captured segment is the page's `id`.
const ROUTES: [RegExp, ComponentType<{ id: string }>][] = [
  [/^\/$/, CatalogPage],
  [/^\/checkout\/?$/i, CheckoutPage],
  [/^\/orders\/([^/]+)\/?$/i, OrderPage],
  [/^\/admin\/?$/i, AdminOrdersPage],
  [/^\/admin\/orders\/([^/]+)\/?$/i, AdminOrderPage],
];

function decode(segment = ''): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

function Page({ pathname }: { pathname: string }) {
  for (const [pattern, Component] of ROUTES) {
    const match = pattern.exec(pathname);
    if (match) return <Component id={decode(match[1])} />;
  }
  return <NotFoundPage />;
}

export function App() {
  const count = useCart().reduce((sum, line) => sum + line.quantity, 0);
  const pathname = usePathname();
  const mainRef = useRef<HTMLElement>(null);
  const shownPathname = useRef(pathname);

  // After an in-app navigation, move focus to the new page so keyboard and screen-reader users start there.
  useEffect(() => {
    if (shownPathname.current === pathname) return;
    shownPathname.current = pathname;
    mainRef.current?.focus();
  }, [pathname]);

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
          <Page pathname={pathname} />
        </Suspense>
      </main>
      <footer className="site-footer">
        <Link href="/admin">Для сотрудников</Link>
      </footer>
    </>
  );
}
