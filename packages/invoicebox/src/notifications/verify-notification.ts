import { createHmac, timingSafeEqual } from 'node:crypto';
import {
  isOrderNotification,
  type OrderNotification,
  orderNotificationSchema,
} from '../schemas/notification.js';
import { serializeInvoiceboxJson } from './serialize-invoicebox-json.js';
import { InvoiceboxSignatureError } from './signature-error.js';

const HEX_SHA1 = /^[0-9a-f]{40}$/;

const RAW_BODY_HINT =
  'Pass the raw request bytes, before any JSON parsing: e.g. express.raw({ type: "application/json" }), ' +
  "fastify.addContentTypeParser('application/json', { parseAs: 'buffer' }, (req, body, done) => done(null, body)), " +
  'or the concatenated chunks of a node:http request.';

function toBytes(rawBody: unknown): Buffer {
  if (typeof rawBody === 'string') return Buffer.from(rawBody, 'utf8');
  if (rawBody instanceof Uint8Array) {
    return Buffer.isBuffer(rawBody)
      ? rawBody
      : Buffer.from(rawBody.buffer, rawBody.byteOffset, rawBody.byteLength);
  }
  if (rawBody instanceof ArrayBuffer) return Buffer.from(rawBody);
  const got =
    rawBody === null || rawBody === undefined
      ? String(rawBody)
      : typeof rawBody === 'object'
        ? 'an already parsed object'
        : `a ${typeof rawBody}`;
  throw new InvoiceboxSignatureError(
    'raw_body_expected',
    `verifyNotification needs the raw request body (Buffer, Uint8Array or string) but got ${got}. ` +
      `A parsed object cannot be verified: the signature covers the exact bytes Invoicebox sent. ${RAW_BODY_HINT}`,
  );
}

function readSignature(signature: string | readonly string[] | null | undefined): string {
  const value = Array.isArray(signature) ? signature[0] : signature;
  if (typeof value !== 'string' || value.trim() === '') {
    throw new InvoiceboxSignatureError(
      'signature_missing',
      'The notification has no X-Signature header. Pass req.headers["x-signature"]; if it is missing, check that ' +
        'signing is enabled in the shop settings and that no proxy strips the header.',
    );
  }
  return value.length === 40 ? value : value.trim();
}

// Reused for every call (verification is synchronous): decoding the received hex needs no allocation.
const received = Buffer.alloc(20);

/** Constant-time comparison of a 40-char hex signature with the computed digest. */
function signatureMatches(hex: string, computed: Buffer): boolean {
  // Buffer hex decoding stops at the first invalid pair, so 20 bytes from 40 chars means valid hex (any case).
  if (hex.length !== 40 || received.write(hex, 'hex') !== 20) return false;
  return timingSafeEqual(received, computed);
}

function mismatchMessage(bytes: Buffer, signature: string, key: string): string {
  if (!HEX_SHA1.test(signature)) {
    return (
      `X-Signature "${signature.slice(0, 80)}" is not a 40-character hex HMAC-SHA1. Check that the shop's ` +
      'notification settings use the default algorithm (hmac, sha1).'
    );
  }
  // Diagnose the common mistake: the body went through JSON.parse + JSON.stringify, which drops PHP's `\/` escapes.
  try {
    const reencoded = serializeInvoiceboxJson(JSON.parse(bytes.toString('utf8')));
    const expected = createHmac('sha1', key).update(reencoded).digest('hex');
    if (reencoded !== bytes.toString('utf8') && expected === signature) {
      return (
        'X-Signature does not match these bytes, but it matches the same JSON as Invoicebox serialises it: the body ' +
        `was re-serialised (JSON.parse + JSON.stringify) before verification. ${RAW_BODY_HINT}`
      );
    }
  } catch {
    // Not JSON: fall through to the generic advice.
  }
  return (
    'X-Signature does not match the body. Check that the key is the shop\'s notification key ("Ключ для проверки ' +
    'подписи" in the Invoicebox cabinet, not the API token) and that the body is the raw bytes as received, not ' +
    `re-serialised or re-encoded. ${RAW_BODY_HINT}`
  );
}

/**
 * Verifies an Invoicebox notification and only then parses it. HMAC-SHA1 over the raw bytes, compared in constant
 * time. Throws InvoiceboxSignatureError (`.reason`, and a message saying what to fix) when it cannot be trusted.
 */
export function verifyNotification(
  rawBody: Buffer | Uint8Array | string,
  signature: string | readonly string[] | null | undefined,
  key: string,
): OrderNotification {
  if (typeof key !== 'string' || key === '')
    throw new TypeError('verifyNotification: the notification key is empty');
  const bytes = toBytes(rawBody);
  const signatureHex = readSignature(signature);
  const computed = createHmac('sha1', key).update(bytes).digest();
  if (!signatureMatches(signatureHex, computed)) {
    throw new InvoiceboxSignatureError(
      'signature_mismatch',
      mismatchMessage(bytes, signatureHex.toLowerCase(), key),
    );
  }
  let json: unknown;
  try {
    json = JSON.parse(bytes.toString('utf8'));
  } catch {
    throw new InvoiceboxSignatureError(
      'body_not_json',
      'The signature is valid but the body is not JSON; Invoicebox v3 notifications are JSON. Is the shop ' +
        'configured for "API l3" notifications rather than the legacy form-encoded ones?',
    );
  }
  if (isOrderNotification(json)) return json;
  // Slow path only to explain what is wrong.
  const result = orderNotificationSchema.safeParse(json);
  if (!result.success) {
    const details = result.error.issues
      .slice(0, 5)
      .map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`)
      .join('; ');
    throw new InvoiceboxSignatureError(
      'not_a_notification',
      `The signature is valid but the body is not an order notification (${details}).`,
    );
  }
  return result.data;
}
