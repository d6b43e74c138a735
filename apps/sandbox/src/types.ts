import type { BasketItem, Customer } from '@checkout/invoicebox';

export interface MerchantConfig {
  merchantId: string;
  token: string;
  notificationKey: string;
  name?: string;
  notificationUrl?: string;
  allowDuplicateMerchantOrderId?: boolean;
}

export interface SandboxOptions {
  /** 0 = any free port; default 4010. */
  port?: number;
  host?: string;
  /** Default `http://localhost:<actual port>`. */
  publicUrl?: string;
  merchants?: MerchantConfig[];
  /** Absent = in memory. */
  dataFile?: string;
  /** 1 = the real schedule (10 retries over 24 h); 0.0001 = seconds. */
  retryTimeScale?: number;
  notificationTimeoutMs?: number;
  rateLimit?: { requests: number; windowMs: number } | false;
  refundCompletionDelayMs?: number;
  /** Notify hosts other than loopback ones (localhost, 127.0.0.0/8, ::1); default false. */
  allowAnyNotificationHost?: boolean;
  log?: boolean;
}

export interface RunningSandbox {
  /** Public URL, no trailing slash. */
  url: string;
  port: number;
  close(): Promise<void>;
}

/** An order exactly as the API returns it (key order follows Invoicebox's own responses). */
export interface OrderJson {
  id: string;
  description: string;
  currencyId: string;
  shopId?: string | number;
  amount: number;
  vatAmount: number;
  basketItems: BasketItem[];
  orderContainerId: string;
  merchantId: string;
  status: 'created' | 'completed' | 'canceled' | 'expired';
  subtype: 'order';
  processingStatus: string;
  createdAt: string;
  merchantOrderId: string;
  merchantOrderIdVisible: string;
  expirationDate: string;
  fileIds: string[];
  paymentUrl: string;
  customer: Customer;
  languageId: 'ru' | 'en';
  processable: boolean;
  paidAt?: string;
  notificationUrl?: string;
  successUrl?: string;
  failUrl?: string;
  returnUrl?: string;
  [extra: string]: unknown;
}

export interface PaymentAttempt {
  at: string;
  method: 'card' | 'invoice' | 'control';
  cardLast4?: string;
  outcome: 'paid' | 'declined' | 'invoice_issued';
}

export interface OrderRecord {
  order: OrderJson;
  attempts: PaymentAttempt[];
}

export interface RefundJson {
  id: string;
  parentId: string;
  description: string;
  merchantOrderId: string;
  merchantId: string;
  amount: number;
  vatAmount: number;
  currencyId: string;
  basketItems: BasketItem[];
  createdAt: string;
  status: 'draft' | 'created' | 'completed' | 'canceled';
  subtype: 'refund';
  /** Internal: when the sandbox completes the refund (ISO). Stripped from responses. */
  completeAt?: string;
}

export interface ShipmentJson {
  id: number;
  orderId: string;
  merchantId: string;
  documentNumber?: string;
  documentDate?: string;
  basketItems: BasketItem[];
  final: boolean;
  status: 'completed';
  amount: number;
  vatAmount: number;
  createdAt: string;
}

export type DeliveryEvent = 'payment' | 'cancellation' | 'expiry' | 'refund' | 'probe';
export type DeliveryOutcome = 'delivered' | 'retrying' | 'failed' | 'rejected' | 'dropped';

/** One delivery attempt (a notification retried three times leaves three records sharing `notificationId`). */
export interface Delivery {
  id: string;
  notificationId: string;
  orderId: string;
  merchantId: string;
  event: DeliveryEvent;
  url: string;
  attempt: number;
  requestBody: string;
  signature: string;
  responseStatus: number | null;
  responseBody: string | null;
  outcome: DeliveryOutcome;
  error?: string;
  at: string;
  nextAttemptAt?: string;
}

export interface NotificationSettings {
  mode: 'deliver' | 'drop';
  dropRate: number;
}

export interface SandboxData {
  version: 1;
  orders: Record<string, OrderRecord>;
  refunds: Record<string, RefundJson>;
  shipments: ShipmentJson[];
  deliveries: Delivery[];
  settings: { notifications: NotificationSettings };
  nextShipmentId: number;
}
