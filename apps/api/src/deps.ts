import type { createInvoiceboxClient } from '@checkout/invoicebox';
import type { Database, Db } from './db/client.js';
import type { Logger } from './logger.js';

export type InvoiceboxClient = ReturnType<typeof createInvoiceboxClient>;

export type ApiConfig = {
  merchantId: string;
  notificationKey: string;
  /** Where Invoicebox reaches us: notifications go to `${publicApiUrl}/webhooks/invoicebox`. */
  publicApiUrl: string;
  /** The shop's origin: success/fail/return pages and CORS (any loopback spelling of it, lib/storefront-origins.ts). */
  storefrontUrl: string;
  /** Invoicebox's API; payment links must point at its payment site (orders/payment-url.ts). */
  invoiceboxApiUrl: string;
  adminToken: string;
  /** How long a shopper has to pay (Invoicebox expirationDate). */
  orderTtlMs: number;
};

/** Everything the procedures and routes need; built once per server instance. */
export type Deps = {
  database: Database;
  db: Db;
  invoicebox: InvoiceboxClient;
  config: ApiConfig;
  log: Logger;
};
