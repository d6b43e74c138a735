import { formatRub } from '@checkout/invoicebox/web';
import type { ReactNode } from 'react';

type Props = { amount: number; vatAmount: number; testId: string; children?: ReactNode };

/** Total and its VAT, for the cart and for an order; `children` add rows below. */
export function Totals({ amount, vatAmount, testId, children }: Props) {
  return (
    <dl className="totals">
      <dt>Итого</dt>
      <dd data-testid={testId}>{formatRub(amount)}</dd>
      <dt className="muted">в т. ч. НДС</dt>
      <dd className="muted">{formatRub(vatAmount)}</dd>
      {children}
    </dl>
  );
}
