import { createHmac } from 'node:crypto';
import { assertSignatureAlgorithm, type NotificationSignatureAlgorithm } from './signature-algorithm.js';

/**
 * Lowercase hex HMAC of the exact body bytes: the `X-Signature` Invoicebox puts on a notification. `sha1` is
 * Invoicebox's default; pass the algorithm the shop chose in the cabinet otherwise.
 */
export function signNotification(
  body: string | Uint8Array,
  key: string,
  algorithm: NotificationSignatureAlgorithm = 'sha1',
): string {
  assertSignatureAlgorithm(algorithm);
  return createHmac(algorithm, key).update(body).digest('hex');
}
