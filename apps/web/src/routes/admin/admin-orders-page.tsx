import { formatRub } from '@checkout/invoicebox/web';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { type FormEvent, useEffect, useState } from 'react';
import { formatDate } from '../../lib/format-date';
import { ORDER_STATUS_LABELS, ORDER_STATUSES, type OrderStatus } from '../../lib/order-status';
import { Link } from '../../router';
import { useTRPC } from '../../trpc';
import { AdminError, AdminGate } from './admin-gate';

export function AdminOrdersPage() {
  useEffect(() => {
    document.title = 'Заказы — Демо-магазин';
  }, []);
  return <AdminGate>{(signOut) => <OrdersList signOut={signOut} />}</AdminGate>;
}

function OrdersList({ signOut }: { signOut: () => void }) {
  const trpc = useTRPC();
  const [statuses, setStatuses] = useState<OrderStatus[]>([]);
  const [searchInput, setSearchInput] = useState('');
  const [search, setSearch] = useState('');
  // Keyset pages: the cursor of every page opened so far, so "back" needs no offset either.
  const [cursors, setCursors] = useState<number[]>([]);
  const cursor = cursors.at(-1);
  const list = useQuery({
    ...trpc.admin.orders.list.queryOptions({
      ...(statuses.length > 0 ? { status: statuses } : {}),
      ...(search ? { search } : {}),
      ...(cursor === undefined ? {} : { cursor }),
    }),
    placeholderData: keepPreviousData,
    refetchInterval: 10_000,
  });

  const toggle = (status: OrderStatus) => {
    setCursors([]);
    setStatuses((current) =>
      current.includes(status) ? current.filter((item) => item !== status) : [...current, status],
    );
  };
  const onSearch = (event: FormEvent) => {
    event.preventDefault();
    setCursors([]);
    setSearch(searchInput.trim());
  };

  return (
    <section aria-labelledby="orders-title">
      <div className="page-head">
        <h1 id="orders-title">Заказы</h1>
        <button type="button" className="link-button" onClick={signOut}>
          Выйти
        </button>
      </div>
      <form onSubmit={onSearch} className="filters">
        <fieldset>
          <legend>Статус</legend>
          {ORDER_STATUSES.map((status) => (
            <label key={status} className="chip">
              <input type="checkbox" checked={statuses.includes(status)} onChange={() => toggle(status)} />{' '}
              {ORDER_STATUS_LABELS[status]}
            </label>
          ))}
        </fieldset>
        <div className="search-row">
          <label htmlFor="order-search">Номер заказа, e-mail, телефон или id в Инвойсбоксе</label>
          <input
            id="order-search"
            name="search"
            type="search"
            value={searchInput}
            onChange={(event) => setSearchInput(event.currentTarget.value)}
          />
          <button type="submit">Найти</button>
        </div>
      </form>
      {list.isError && <AdminError error={list.error} signOut={signOut} />}
      {list.isPending && <p aria-live="polite">Загружаем заказы…</p>}
      {list.data && (
        <>
          <p className="muted" aria-live="polite">
            Найдено:{' '}
            {list.data.totalCapped ? `больше ${list.data.total.toLocaleString('ru-RU')}` : list.data.total}
          </p>
          <div className="table-scroll">
            <table className="orders-table" data-testid="orders-table">
              <thead>
                <tr>
                  <th scope="col">№</th>
                  <th scope="col">Создан</th>
                  <th scope="col">Покупатель</th>
                  <th scope="col">Сумма</th>
                  <th scope="col">Статус</th>
                </tr>
              </thead>
              <tbody>
                {list.data.orders.length === 0 && (
                  <tr>
                    <td colSpan={5}>Заказов не найдено.</td>
                  </tr>
                )}
                {list.data.orders.map((order) => (
                  <tr key={order.id} data-testid="order-row" data-order-id={order.id}>
                    <td>
                      <Link href={`/admin/orders/${order.id}`}>{order.number}</Link>
                    </td>
                    <td>{formatDate(order.createdAt)}</td>
                    <td>
                      {order.customerName}
                      <br />
                      <small className="muted">{order.customerEmail}</small>
                    </td>
                    <td>{formatRub(order.amount)}</td>
                    <td>
                      <span className={`status status-${order.status}`}>
                        {ORDER_STATUS_LABELS[order.status as OrderStatus] ?? order.status}
                      </span>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <nav aria-label="Страницы" className="pager">
            <button
              type="button"
              disabled={cursors.length === 0}
              onClick={() => setCursors(cursors.slice(0, -1))}
            >
              Назад
            </button>
            <span>Страница {cursors.length + 1}</span>
            <button
              type="button"
              disabled={list.data.nextCursor === undefined}
              onClick={() => {
                const next = list.data.nextCursor;
                if (next !== undefined) setCursors([...cursors, next]);
              }}
            >
              Дальше
            </button>
          </nav>
        </>
      )}
    </section>
  );
}
