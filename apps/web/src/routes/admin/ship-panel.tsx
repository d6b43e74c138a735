import { formatRub } from '@checkout/invoicebox/web';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { describeApiError } from '../../lib/api-error';
import { formatDate } from '../../lib/format-date';
import { type AdminOrder, useTRPC } from '../../trpc';

type ShipmentStatus = AdminOrder['shipments'][number]['status'];

// Keyed by the API's shipment status union: a status added there fails the web typecheck until it is labelled.
const SHIPMENT_STATUS = {
  pending: 'ждём ответа Инвойсбокс',
  created: 'зарегистрирована в Инвойсбокс',
  failed: 'не принята',
} as const satisfies Record<ShipmentStatus, string>;

/** Staff read the API's own sentence too: it names the line and how much is left. */
function shipError(error: unknown): string {
  const problem = describeApiError(error);
  const detail = error instanceof Error ? error.message : '';
  if (problem.code === 'BAD_REQUEST') return `Отгрузка не принята: ${detail}`;
  return detail && problem.code !== 'INTERNAL_SERVER_ERROR'
    ? `${problem.message} (${detail})`
    : problem.message;
}

/** Shipping a paid order, whole or by lines, and the shipments made so far. */
export function ShipPanel({ order }: { order: AdminOrder }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [quantities, setQuantities] = useState<Record<string, number>>({});
  const create = useMutation(
    trpc.admin.shipments.create.mutationOptions({
      onSuccess: () => setQuantities({}),
      onSettled: () =>
        queryClient.invalidateQueries({ queryKey: trpc.admin.orders.byId.queryKey({ id: order.id }) }),
    }),
  );

  const recheck = useMutation(
    trpc.admin.shipments.recheck.mutationOptions({
      onSettled: () =>
        queryClient.invalidateQueries({ queryKey: trpc.admin.orders.byId.queryKey({ id: order.id }) }),
    }),
  );
  const pending = order.shipments.some((shipment) => shipment.status === 'pending');

  const rows = order.lines.filter((line) => line.leftToShip > 0);
  const picked = rows.flatMap((row) => {
    const quantity = Math.min(quantities[row.sku] ?? 0, row.leftToShip);
    return quantity > 0 ? [{ sku: row.sku, quantity }] : [];
  });
  const pickedAmount = picked.reduce(
    (sum, line) => sum + (rows.find((row) => row.sku === line.sku)?.unitPrice ?? 0) * line.quantity,
    0,
  );
  const pickedAll = rows.every(
    (row) => picked.find((line) => line.sku === row.sku)?.quantity === row.leftToShip,
  );

  return (
    <section aria-labelledby="ship-title" className="ship-panel" data-testid="ship-panel">
      <h2 id="ship-title">Отгрузка</h2>
      {order.shipments.length === 0 ? (
        <p className="muted">Отгрузок не было.</p>
      ) : (
        <ul className="history" data-testid="shipments">
          {order.shipments.map((shipment) => (
            <li
              key={shipment.id}
              data-testid="shipment"
              data-status={shipment.status}
              data-final={String(shipment.final)}
            >
              {formatDate(shipment.createdAt)}, № {shipment.documentNumber}:{' '}
              {shipment.lines.map((line) => `${line.name} × ${line.quantity}`).join(', ')} —{' '}
              {formatRub(shipment.amount)}, {SHIPMENT_STATUS[shipment.status]}
              {shipment.final && shipment.status !== 'failed' && (
                <strong> (итоговая, чек полного расчёта)</strong>
              )}
              {shipment.failureReason && <span className="muted"> {shipment.failureReason}</span>}
            </li>
          ))}
        </ul>
      )}
      {pending && (
        <div className="actions">
          <button
            type="button"
            disabled={recheck.isPending}
            onClick={() => recheck.mutate({ orderId: order.id })}
            data-testid="ship-recheck"
          >
            Проверить в Инвойсбокс
          </button>
          {recheck.isError && (
            <p role="alert" className="error-box">
              {shipError(recheck.error)}
            </p>
          )}
          {recheck.data && recheck.data.pending > 0 && (
            <p className="muted" aria-live="polite">
              Инвойсбокс пока не подтвердил отгрузку; повторите проверку через минуту.
            </p>
          )}
        </div>
      )}
      {order.canShip && rows.length > 0 && (
        <>
          <div className="table-scroll">
            <table>
              <thead>
                <tr>
                  <th scope="col">Товар</th>
                  <th scope="col">Осталось отгрузить</th>
                  <th scope="col">Отгрузить, шт.</th>
                </tr>
              </thead>
              <tbody>
                {rows.map((row) => (
                  <tr key={row.sku} data-testid="shippable-line" data-sku={row.sku}>
                    <td>{row.name}</td>
                    <td>
                      {row.leftToShip} шт. на {formatRub(row.unitPrice * row.leftToShip)}
                    </td>
                    <td>
                      <input
                        type="number"
                        min={0}
                        max={row.leftToShip}
                        value={quantities[row.sku] ?? 0}
                        aria-label={`Отгрузить, шт.: ${row.name}`}
                        name={`ship-${row.sku}`}
                        onChange={(event) => {
                          const value = event.currentTarget.valueAsNumber;
                          const quantity = Number.isNaN(value) ? 0 : Math.trunc(value);
                          setQuantities({
                            ...quantities,
                            [row.sku]: Math.max(0, Math.min(row.leftToShip, quantity)),
                          });
                        }}
                      />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <p className="muted">
            Последняя отгрузка закрывает заказ: Инвойсбокс пробьёт чек полного расчёта (для организации —
            закрывающие документы).
          </p>
          <div className="actions">
            <button
              type="button"
              className="primary"
              disabled={create.isPending || picked.length === 0}
              onClick={() => create.mutate({ orderId: order.id, lines: picked })}
              data-testid="ship-selected"
            >
              Отгрузить выбранное
              {picked.length > 0 ? ` (${formatRub(pickedAmount)}${pickedAll ? ', итоговая' : ''})` : ''}
            </button>
            <button
              type="button"
              disabled={create.isPending}
              onClick={() => {
                if (
                  window.confirm(
                    'Отгрузить всё, что осталось? Заказ будет закрыт, покупателю уйдёт чек полного расчёта.',
                  )
                )
                  create.mutate({ orderId: order.id });
              }}
              data-testid="ship-all"
            >
              Отгрузить всё
            </button>
          </div>
        </>
      )}
      {create.isError && (
        <p role="alert" className="error-box" data-testid="ship-error">
          {shipError(create.error)}
        </p>
      )}
      {create.isSuccess && (
        <p className="notice" aria-live="polite">
          {create.data.final
            ? 'Итоговая отгрузка зарегистрирована: Инвойсбокс закрывает заказ и отправляет чек полного расчёта.'
            : 'Отгрузка зарегистрирована в Инвойсбокс.'}
        </p>
      )}
    </section>
  );
}
