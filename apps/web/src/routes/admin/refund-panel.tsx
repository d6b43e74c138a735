import { formatRub, toKopecks } from '@checkout/invoicebox/web';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { describeApiError } from '../../lib/api-error';
import { useTRPC } from '../../trpc';

/**
 * Staff type roubles as they write them ("150", "150,5", "1 150.50"): parsed digit by digit to kopecks, never
 * through a float. Empty is no fee; null is not an amount.
 */
export function parseFeeKopecks(text: string): number | null {
  const plain = text.replace(/[\s\u00a0]/g, '').replace(',', '.');
  if (plain === '') return 0;
  if (!/^\d+(\.\d{0,2})?$/.test(plain)) return null;
  try {
    return toKopecks(plain);
  } catch {
    return null;
  }
}

/** What Invoicebox still lets us refund, per line; staff pick quantities or refund everything. */
export function RefundPanel({ orderId, refundsState }: { orderId: string; refundsState: string }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const refundable = useQuery(trpc.admin.refunds.refundable.queryOptions({ orderId }));
  const { refetch } = refundable;

  // A refund moved on (the page polls the order): what is left to refund changed too.
  useEffect(() => {
    if (refundsState) void refetch();
  }, [refundsState, refetch]);
  const [quantities, setQuantities] = useState<Record<string, number>>({});
  const [reason, setReason] = useState('');
  const [feeText, setFeeText] = useState('');
  const create = useMutation(
    trpc.admin.refunds.create.mutationOptions({
      // The order poll brings the new refund, which in turn refreshes the refundable lines.
      onSuccess: () => {
        setQuantities({});
        setFeeText('');
        void queryClient.invalidateQueries({ queryKey: trpc.admin.orders.byId.queryKey({ id: orderId }) });
      },
    }),
  );

  const rows = (refundable.data ?? []).filter((row) => row.availableQuantity > 0);
  const picked = rows.flatMap((row) => {
    const quantity = quantities[row.sku] ?? 0;
    return quantity > 0 ? [{ sku: row.sku, quantity: Math.min(quantity, row.availableQuantity) }] : [];
  });
  const pickedAmount = picked.reduce((sum, line) => {
    const row = rows.find((item) => item.sku === line.sku);
    return sum + (row ? row.unitPrice * line.quantity : 0);
  }, 0);
  const withReason = reason.trim() ? { reason: reason.trim() } : {};
  // The fee applies to either button: the picked lines, or everything still refundable.
  const allAmount = rows.reduce((sum, row) => sum + row.availableAmount, 0);
  const feeBase = picked.length > 0 ? pickedAmount : allAmount;
  const fee = parseFeeKopecks(feeText);
  const feeProblem =
    fee === null
      ? 'Введите сумму в рублях, например 150 или 150,50.'
      : fee > 0 && fee >= feeBase
        ? `Удержание должно быть меньше суммы возврата (${formatRub(feeBase)}).`
        : '';
  const withFee = fee ? { fee: { kopecks: fee } } : {};
  const extras = { ...withReason, ...withFee };

  return (
    <section aria-labelledby="refund-title" className="refund-panel" data-testid="refund-panel">
      <h2 id="refund-title">Возврат</h2>
      {refundable.isPending && <p aria-live="polite">Спрашиваем Инвойсбокс, что можно вернуть…</p>}
      {refundable.isError && (
        <p role="alert" className="error-box">
          {describeApiError(refundable.error).message}
        </p>
      )}
      {refundable.data && rows.length === 0 && <p>Возвращать больше нечего.</p>}
      {rows.length > 0 && (
        <>
          <div className="table-scroll">
            <table>
              <thead>
                <tr>
                  <th scope="col">Товар</th>
                  <th scope="col">Можно вернуть</th>
                  <th scope="col">Вернуть, шт.</th>
                </tr>
              </thead>
              <tbody>
                {rows.map((row) => (
                  <tr key={row.sku} data-testid="refundable-line" data-sku={row.sku}>
                    <td>{row.name}</td>
                    <td>
                      {row.availableQuantity} шт. на {formatRub(row.availableAmount)}
                    </td>
                    <td>
                      <input
                        type="number"
                        min={0}
                        max={row.availableQuantity}
                        value={quantities[row.sku] ?? 0}
                        aria-label={`Вернуть, шт.: ${row.name}`}
                        name={`refund-${row.sku}`}
                        onChange={(event) => {
                          const value = event.currentTarget.valueAsNumber;
                          const quantity = Number.isNaN(value) ? 0 : Math.trunc(value);
                          setQuantities({
                            ...quantities,
                            [row.sku]: Math.max(0, Math.min(row.availableQuantity, quantity)),
                          });
                        }}
                      />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <label htmlFor="refund-staff-reason">Причина (для журнала)</label>
          <input
            id="refund-staff-reason"
            name="refundReason"
            value={reason}
            onChange={(event) => setReason(event.currentTarget.value)}
          />
          <label htmlFor="refund-fee">Удержать комиссию, ₽</label>
          <input
            id="refund-fee"
            name="refundFee"
            inputMode="decimal"
            placeholder="0,00"
            value={feeText}
            aria-invalid={feeProblem ? true : undefined}
            aria-describedby="refund-fee-note"
            onChange={(event) => setFeeText(event.currentTarget.value)}
            data-testid="refund-fee-input"
          />
          <p
            id="refund-fee-note"
            className={feeProblem ? 'field-error' : 'muted'}
            data-testid="refund-fee-note"
          >
            {feeProblem ||
              (fee
                ? `Покупателю вернётся ${formatRub(feeBase - fee)} (возврат ${formatRub(feeBase)}, удержание ${formatRub(fee)})`
                : 'Необязательно: штраф или сервисный сбор, который магазин оставит себе.')}
          </p>
          <div className="actions">
            <button
              type="button"
              className="primary"
              disabled={create.isPending || picked.length === 0 || Boolean(feeProblem)}
              onClick={() => create.mutate({ orderId, lines: picked, ...extras })}
              data-testid="refund-selected"
            >
              Вернуть выбранное{picked.length > 0 ? ` (${formatRub(pickedAmount)})` : ''}
            </button>
            <button
              type="button"
              disabled={create.isPending || Boolean(feeProblem)}
              onClick={() => {
                if (window.confirm('Вернуть покупателю всё, что ещё не возвращено?'))
                  create.mutate({ orderId, ...extras });
              }}
              data-testid="refund-all"
            >
              Вернуть всё
            </button>
          </div>
        </>
      )}
      {create.isError && (
        <p role="alert" className="error-box" data-testid="refund-error">
          {describeApiError(create.error).message}
        </p>
      )}
      {create.isSuccess &&
        (create.data.correctionState === 'failed' ? (
          <p role="alert" className="error-box" data-testid="refund-fee-failed">
            Черновик возврата создан, но удержание не оформлено. Завершите возврат кнопкой в списке возвратов
            ниже.
          </p>
        ) : (
          <p className="notice" aria-live="polite">
            Возврат отправлен в Инвойсбокс. Статус обновится ниже.
          </p>
        ))}
    </section>
  );
}
