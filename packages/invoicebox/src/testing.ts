/**
 * Test helpers for code that receives Invoicebox notifications (`@checkout/invoicebox/testing`): build a
 * notification body exactly as Invoicebox serialises it and sign it, then POST it to your own webhook route.
 * Like Stripe's `generateTestHeaderString`, but returning the whole request.
 *
 * @module
 */
import { serializeInvoiceboxJson } from './notifications/serialize-invoicebox-json.js';
import { signNotification } from './notifications/sign-notification.js';
import type { NotificationSignatureAlgorithm } from './notifications/signature-algorithm.js';
import type { OrderNotification } from './schemas/notification.js';

/** Options for {@link signedTestNotification}. */
export interface SignedTestNotificationOptions {
  /** The shop's notification key: the same one your handler passes to `verifyNotification`. */
  key: string;
  /** The HMAC digest chosen in the shop's cabinet; default `sha1` (Invoicebox's default), as in `verifyNotification`. */
  algorithm?: NotificationSignatureAlgorithm;
}

/** A notification request as Invoicebox would send it: POST `body` with `headers` to your webhook URL. */
export interface SignedTestNotification {
  /** The exact body bytes, serialised as Invoicebox (PHP `json_encode`) writes them. */
  body: string;
  /** `X-Signature` is the hex HMAC of `body` with the key, using `algorithm`. */
  headers: { 'Content-Type': 'application/json'; 'X-Signature': string };
}

/**
 * A paid (`completed`) order notification with plausible values; override any field.
 *
 * @example
 * ```ts
 * testNotification({ merchantOrderId: 'A-1001', amount: 371.88 })
 * ```
 */
export function testNotification(overrides: Partial<OrderNotification> = {}): OrderNotification {
  return {
    id: '0190f1c2-7a3b-7c3d-9e4f-5a6b7c8d9e0f',
    status: 'completed',
    merchantId: 'test-merchant',
    merchantOrderId: 'test-order-1',
    amount: 100,
    vatAmount: 0,
    currencyId: 'RUB',
    subtype: 'order',
    paidAt: '2026-01-01T12:00:00+03:00',
    createdAt: '2026-01-01T11:59:00+03:00',
    basketItems: [],
    ...overrides,
  };
}

/**
 * Serialises a notification and signs it with `key` (and `algorithm`, default sha1), so a test can POST it to the shop's webhook route and the
 * route's `verifyNotification` accepts it. A string is signed as it is: the exact bytes of a body your handler
 * must turn away though its signature is right (malformed JSON, a wrong amount type), or of one you recorded.
 *
 * @example
 * ```ts
 * const { body, headers } = signedTestNotification(testNotification({ merchantOrderId: 'A-1001' }), { key });
 * await fetch('http://localhost:3000/webhooks/invoicebox', { method: 'POST', body, headers });
 * ```
 */
export function signedTestNotification(
  notification: OrderNotification | string,
  options: SignedTestNotificationOptions,
): SignedTestNotification {
  const body = typeof notification === 'string' ? notification : serializeInvoiceboxJson(notification);
  return {
    body,
    headers: {
      'Content-Type': 'application/json',
      'X-Signature': signNotification(body, options.key, options.algorithm),
    },
  };
}
