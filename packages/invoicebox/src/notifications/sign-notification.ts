import { createHmac } from 'node:crypto';

/** Lowercase hex HMAC-SHA1 of the exact body bytes: the `X-Signature` Invoicebox puts on a notification. */
export function signNotification(body: string | Uint8Array, key: string): string {
  return createHmac('sha1', key).update(body).digest('hex');
}
