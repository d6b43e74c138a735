import type { OrderNotification } from '@checkout/invoicebox';

// Only for this demo: the last notification that passed verification. Kept on globalThis because each route is
// bundled separately and a module-level variable would not be shared between them.
const store = globalThis as { invoiceboxLastVerified?: { notification: OrderNotification; rawBody: string } };

export const lastVerified = {
  get: () => store.invoiceboxLastVerified ?? null,
  set: (value: { notification: OrderNotification; rawBody: string }) => {
    store.invoiceboxLastVerified = value;
  },
};
