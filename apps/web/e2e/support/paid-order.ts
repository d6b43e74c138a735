import type { SandboxControl } from '@checkout/sandbox';
import { type adminClient, waitFor } from './api-client';

type PaidOrderOptions = {
  /** The payer's name and e-mail (the e-mail finds the order in the staff list). */
  name: string;
  email: string;
  /** Quantities of the catalog's first and second products. */
  quantities?: readonly [number, number];
  /** What the payment leaves the order in: `paid`, or `held` for a shop whose payments are held. */
  until?: 'paid' | 'held';
};

/**
 * An order of the catalog's first two products, made through the real API and paid at the sandbox (as its payment
 * page would), once the API has applied the payment.
 */
export async function placePaidOrder(
  admin: ReturnType<typeof adminClient>,
  sandbox: SandboxControl,
  { name, email, quantities = [2, 1], until = 'paid' }: PaidOrderOptions,
) {
  const [first, second] = await admin.catalog.list.query();
  if (!first || !second) throw new Error('the catalog needs at least two products');
  const { orderId } = await admin.orders.create.mutate({
    idempotencyKey: crypto.randomUUID(),
    lines: [
      { sku: first.sku, quantity: quantities[0] },
      { sku: second.sku, quantity: quantities[1] },
    ],
    customer: { type: 'private', name, email, phone: '+79001234567' },
  });
  const { invoiceboxOrderId } = await admin.admin.orders.byId.query({ id: orderId });
  await sandbox.pay(invoiceboxOrderId!);
  await waitFor(
    () => admin.admin.orders.byId.query({ id: orderId }),
    (order) => order.status === until,
    { what: `the order to be ${until}` },
  );
  return { orderId, invoiceboxOrderId: invoiceboxOrderId!, first, second };
}
