import type { createInvoiceboxClient, NotificationSignatureAlgorithm } from '@checkout/invoicebox';
import type { ActiveCatalog } from './catalog/active-catalog.js';
import type { CompanyCache } from './companies/company-cache.js';
import type { Database, Db } from './db/client.js';
import type { InvoiceboxFor } from './limits/budgeted-invoicebox.js';
import type { LimitsConfig } from './limits/config.js';
import type { OnLimitRejected } from './limits/events.js';
import type { Logger } from './logger.js';
import type { WebhookRejections } from './webhooks/rejections.js';

export type InvoiceboxClient = ReturnType<typeof createInvoiceboxClient>;

export type ApiConfig = {
  merchantId: string;
  notificationKey: string;
  /** The HMAC algorithm the shop chose for notifications in Invoicebox's cabinet (default sha1). */
  signatureAlgorithm: NotificationSignatureAlgorithm;
  /**
   * The cabinet holds card payments; the shop captures them by a final shipment. The storefront says so. A `hold`
   * is applied as held either way (with a warning when this is off).
   */
  holdPayments: boolean;
  /** Where Invoicebox reaches us: notifications go to `${publicApiUrl}/webhooks/invoicebox`. */
  publicApiUrl: string;
  /** False in gate-only mode: orders are created without a notificationUrl. */
  webhookNotifications: boolean;
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
  /** The Invoicebox client for a kind of caller; every call takes from the shared budget with that priority. */
  invoicebox: InvoiceboxFor;
  config: ApiConfig;
  /** The products on sale, re-read from the database at most every few seconds. */
  catalog: ActiveCatalog;
  limits: LimitsConfig;
  /** Called for every request, call or post the abuse limits turn away (a metrics hook). */
  onLimitRejected?: OnLimitRejected;
  /** Unsigned webhook posts seen by this replica (counts and sampled digests, memory only). */
  webhookRejections: WebhookRejections;
  /** Company lookups by INN answered by this replica lately (memory only). */
  companyCache: CompanyCache;
  log: Logger;
};
