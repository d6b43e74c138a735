import { createHmac, timingSafeEqual } from 'node:crypto';
import {
  isOrderNotification,
  type OrderNotification,
  orderNotificationSchema,
} from '../schemas/notification.js';
import { serializeInvoiceboxJson } from './serialize-invoicebox-json.js';
import {
  algorithmForHexLength,
  assertSignatureAlgorithm,
  DIGEST_BYTES,
  type NotificationSignatureAlgorithm,
} from './signature-algorithm.js';
import { InvoiceboxSignatureError } from './signature-error.js';

/** Options of verifyNotification; the key itself is a separate argument. */
export interface VerifyNotificationOptions {
  /** The HMAC digest chosen in the Invoicebox cabinet; default `sha1` (Invoicebox's default). */
  algorithm?: NotificationSignatureAlgorithm;
  /**
   * On a mismatch, re-serialise the body the way Invoicebox does to tell a re-serialised body from a wrong key.
   * Default true. That costs a JSON.parse + stringify + HMAC of the body (about 260 ms of CPU for 1 MB), paid by
   * whoever sends a bad signature: a server open to strangers should pass false and diagnose out of band.
   */
  diagnose?: boolean;
}

const HEX = /^[0-9a-f]+$/;

// One fix per framework, because the integrator reading this knows their framework, not where its raw body hides.
const RAW_BODY_HINT =
  'Pass the raw request bytes, before any JSON parsing: ' +
  'NestJS: NestFactory.create(AppModule, { rawBody: true }) and verify req.rawBody; ' +
  'Next.js App Router: verify await request.text() (or Buffer.from(await request.arrayBuffer())), not request.json(); ' +
  "Express: express.raw({ type: 'application/json' }) on the webhook route, registered before express.json(); " +
  "Fastify: addContentTypeParser('application/json', { parseAs: 'buffer' }, (req, body, done) => done(null, body)); " +
  'node:http: the concatenated request chunks.';

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
      `The signature covers the exact bytes Invoicebox sent, so a missing or parsed body cannot be verified. ` +
      RAW_BODY_HINT,
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
  const length = value.length;
  return length === 40 || length === 64 || length === 128 ? value : value.trim();
}

// One buffer per digest size, reused for every call (verification is synchronous): decoding needs no allocation.
const received: Record<NotificationSignatureAlgorithm, Buffer> = {
  sha1: Buffer.alloc(DIGEST_BYTES.sha1),
  sha256: Buffer.alloc(DIGEST_BYTES.sha256),
  sha512: Buffer.alloc(DIGEST_BYTES.sha512),
};

/** Constant-time comparison of a hex signature with the computed digest. */
function signatureMatches(hex: string, computed: Buffer, algorithm: NotificationSignatureAlgorithm): boolean {
  const target = received[algorithm];
  const size = target.length;
  // Buffer hex decoding stops at the first invalid pair, so `size` bytes from 2×size chars means valid hex (any case).
  if (hex.length !== size * 2 || target.write(hex, 'hex') !== size) return false;
  return timingSafeEqual(target, computed);
}

const ALGORITHM_NAMES: Record<NotificationSignatureAlgorithm, string> = {
  sha1: 'HMAC-SHA1',
  sha256: 'HMAC-SHA256',
  sha512: 'HMAC-SHA512',
};

function mismatchMessage(
  bytes: Buffer,
  signature: string,
  key: string,
  algorithm: NotificationSignatureAlgorithm,
  diagnose: boolean,
): string {
  const expectedLength = DIGEST_BYTES[algorithm] * 2;
  if (signature.length !== expectedLength || !HEX.test(signature)) {
    const other = HEX.test(signature) ? algorithmForHexLength(signature.length) : undefined;
    if (other !== undefined) {
      return (
        `X-Signature has ${signature.length} hex characters, which is ${ALGORITHM_NAMES[other]}, but the key is ` +
        `checked with ${algorithm}: set the algorithm to the one chosen in the Invoicebox cabinet ` +
        `(verifyNotification(raw, signature, key, { algorithm: '${other}' })).`
      );
    }
    return (
      `X-Signature "${signature.slice(0, 80)}" is not a ${expectedLength}-character hex ${ALGORITHM_NAMES[algorithm]}. ` +
      "Check the algorithm in the shop's notification settings (Invoicebox's default is hmac, sha1)."
    );
  }
  if (!diagnose) {
    return (
      'X-Signature does not match the body. Check the notification key, the algorithm and that the body is the raw ' +
      'bytes as received (diagnosis of re-serialised bodies is switched off: diagnose: false).'
    );
  }
  // Diagnose the common mistake: the body went through JSON.parse + JSON.stringify, which drops PHP's `\/` escapes.
  try {
    const reencoded = serializeInvoiceboxJson(JSON.parse(bytes.toString('utf8')));
    const expected = createHmac(algorithm, key).update(reencoded).digest('hex');
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
 * Verifies an Invoicebox notification and only then parses it. HMAC (sha1 by default, or the algorithm chosen in the
 * cabinet) over the raw bytes, compared in constant time. Throws InvoiceboxSignatureError (`.reason`, and a message
 * saying what to fix) when it cannot be trusted.
 */
export function verifyNotification(
  rawBody: Buffer | Uint8Array | string,
  signature: string | readonly string[] | null | undefined,
  key: string,
  options?: VerifyNotificationOptions,
): OrderNotification {
  if (typeof key !== 'string' || key === '')
    throw new TypeError('verifyNotification: the notification key is empty');
  const algorithm = options?.algorithm ?? 'sha1';
  if (algorithm !== 'sha1') assertSignatureAlgorithm(algorithm);
  const bytes = toBytes(rawBody);
  const signatureHex = readSignature(signature);
  const computed = createHmac(algorithm, key).update(bytes).digest();
  if (!signatureMatches(signatureHex, computed, algorithm)) {
    throw new InvoiceboxSignatureError(
      'signature_mismatch',
      mismatchMessage(bytes, signatureHex.toLowerCase(), key, algorithm, options?.diagnose ?? true),
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
