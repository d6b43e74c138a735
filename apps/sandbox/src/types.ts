import type { OrderJson, RefundOrderJson, ShipmentJson } from './protocol/responses.js';

export type SignatureAlgorithm = 'sha1' | 'sha256' | 'sha512';

export interface MerchantConfig {
  merchantId: string;
  token: string;
  notificationKey: string;
  name?: string;
  notificationUrl?: string;
  allowDuplicateMerchantOrderId?: boolean;
  /** HMAC algorithm of `X-Signature` (Invoicebox's cabinet lets a shop choose; default sha1). */
  signatureAlgorithm?: SignatureAlgorithm;
  /**
   * `refund-basket-item` rows carry `availableAmount`/`availableVatAmount` (default true, what Invoicebox's MCP
   * client reads); false = plain basket lines of what is left, as in the PHP SDK's fixture.
   */
  refundBasketAvailableAmount?: boolean;
  /** Card pre-authorisation: a payment leaves the order in `hold` until a final shipment or a DELETE. */
  holdPayments?: boolean;
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

export type { OrderJson, ShipmentJson } from './protocol/responses.js';

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

/** A refund as stored: the RefundOrderResponse plus when the sandbox completes it. */
export interface RefundJson extends RefundOrderJson {
  /** Internal: when the sandbox completes the refund (ISO). Stripped from responses. */
  completeAt?: string;
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
