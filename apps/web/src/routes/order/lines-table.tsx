import { formatRub, vatLabel } from '@checkout/invoicebox/web';
import type { PublicOrder } from '../../trpc';

type Props = { lines: PublicOrder['lines']; caption: string; withSku?: boolean };

/** An order's lines as the shopper and staff both see them; staff also get the sku. */
export function LinesTable({ lines, caption, withSku = false }: Props) {
  return (
    <div className="table-scroll">
      <table className="lines-table">
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            {withSku && <th scope="col">Артикул</th>}
            <th scope="col">Товар</th>
            <th scope="col">Кол-во</th>
            <th scope="col">Цена</th>
            <th scope="col">Сумма</th>
          </tr>
        </thead>
        <tbody>
          {lines.map((line) => (
            <tr key={line.sku} data-testid="order-line">
              {withSku && (
                <td>
                  <code>{line.sku}</code>
                </td>
              )}
              <td>
                {line.name}
                <br />
                <small className="muted">{vatLabel(line.vatCode)}</small>
              </td>
              <td>{line.quantity}</td>
              <td>{formatRub(line.unitPrice)}</td>
              <td>{formatRub(line.total)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
