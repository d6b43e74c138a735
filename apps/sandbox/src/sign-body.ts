import { createHmac } from 'node:crypto';
import type { SignatureAlgorithm } from './types.js';

/**
 * `X-Signature`: lowercase hex HMAC of the exact body bytes. Invoicebox's default is SHA-1; the cabinet lets a
 * shop pick another hash, so the algorithm is a merchant setting.
 */
export function signBody(body: string, key: string, algorithm: SignatureAlgorithm = 'sha1'): string {
  return createHmac(algorithm, key).update(body).digest('hex');
}
