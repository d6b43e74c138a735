import { describe, expect, it } from 'vitest';
import {
  InvoiceboxSignatureError,
  isMonitoringProbe,
  MONITORING_PROBE_ORDER_ID,
  NOTIFICATION_ERROR_CODES,
  NOTIFICATION_SIGNATURE_ALGORITHMS,
  type NotificationSignatureAlgorithm,
  notificationReply,
  serializeInvoiceboxJson,
  signNotification,
  verifyNotification,
} from '../src/index.js';
import { fixtureBytes, NOTIFICATION_BODY, NOTIFICATION_KEY, NOTIFICATION_SIGNATURE } from './fixtures.js';

const body = fixtureBytes(NOTIFICATION_BODY);

function reasonOf(run: () => unknown): { reason: string; message: string } {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(InvoiceboxSignatureError);
    return error as InvoiceboxSignatureError;
  }
  throw new Error('expected an InvoiceboxSignatureError');
}

describe('signature test vector', () => {
  it('the 1028-byte fixture verifies under the documented signature', () => {
    expect(body.length).toBe(1028);
    expect(signNotification(body, NOTIFICATION_KEY)).toBe(NOTIFICATION_SIGNATURE);
    const notification = verifyNotification(body, NOTIFICATION_SIGNATURE, NOTIFICATION_KEY);
    expect(notification.id).toBe('0188d934-85f8-f872-2ac6-ad202d71b985');
    expect(notification.amount).toBe(2790.67);
  });

  it('accepts the body as string or Uint8Array, and the header as array or upper case', () => {
    expect(
      verifyNotification(body.toString('utf8'), NOTIFICATION_SIGNATURE, NOTIFICATION_KEY).id,
    ).toBeTruthy();
    expect(
      verifyNotification(new Uint8Array(body), [NOTIFICATION_SIGNATURE], NOTIFICATION_KEY).id,
    ).toBeTruthy();
    expect(
      verifyNotification(body, ` ${NOTIFICATION_SIGNATURE.toUpperCase()} `, NOTIFICATION_KEY).id,
    ).toBeTruthy();
  });

  it('the same JSON re-serialised without \\/ escapes does not verify, and the error says why', () => {
    const reserialised = JSON.stringify(JSON.parse(body.toString('utf8')));
    expect(reserialised).not.toContain('\\/');
    const error = reasonOf(() => verifyNotification(reserialised, NOTIFICATION_SIGNATURE, NOTIFICATION_KEY));
    expect(error.reason).toBe('signature_mismatch');
    expect(error.message).toMatch(/re-serialised/);
  });

  it('serializeInvoiceboxJson reproduces the fixture bytes exactly', () => {
    const json = serializeInvoiceboxJson(JSON.parse(body.toString('utf8')));
    expect(Buffer.from(json, 'utf8').equals(body)).toBe(true);
  });

  it('serializes like PHP json_encode for slashes, line separators and control characters', () => {
    expect(serializeInvoiceboxJson({ u: 'a/b\\/c', t: 'x\u2028y\u2029', c: '\u0001\n', r: 'Ёж' })).toBe(
      '{"u":"a\\/b\\\\\\/c","t":"x\\u2028y\\u2029","c":"\\u0001\\n","r":"Ёж"}',
    );
  });
});

describe('verifyNotification errors tell the integrator what to fix', () => {
  it('a parsed object instead of the raw body', () => {
    const error = reasonOf(() =>
      verifyNotification(
        JSON.parse(body.toString()) as unknown as string,
        NOTIFICATION_SIGNATURE,
        NOTIFICATION_KEY,
      ),
    );
    expect(error.reason).toBe('raw_body_expected');
    expect(error.message).toMatch(/raw request body/);
    expect(error.message).toMatch(/parseAs: 'buffer'/);
    expect(error.message).toMatch(/express\.raw\(\{ type: 'application\/json' \}\)/);
  });

  it('a missing body names the framework settings that keep the raw bytes', () => {
    for (const missing of [undefined, null]) {
      const error = reasonOf(() =>
        verifyNotification(missing as unknown as string, NOTIFICATION_SIGNATURE, NOTIFICATION_KEY),
      );
      expect(error.reason).toBe('raw_body_expected');
      expect(error.message).toContain(`but got ${String(missing)}.`);
      expect(error.message).toContain('NestFactory.create(AppModule, { rawBody: true })');
      expect(error.message).toContain('req.rawBody');
      expect(error.message).toContain('await request.text()');
      expect(error.message).toContain('arrayBuffer()');
    }
  });

  it('missing header', () => {
    for (const header of [undefined, null, '', []]) {
      expect(reasonOf(() => verifyNotification(body, header, NOTIFICATION_KEY)).reason).toBe(
        'signature_missing',
      );
    }
  });

  it('wrong key', () => {
    const error = reasonOf(() => verifyNotification(body, NOTIFICATION_SIGNATURE, 'other-key'));
    expect(error.reason).toBe('signature_mismatch');
    expect(error.message).toMatch(/notification key/);
    expect(reasonOf(() => verifyNotification(body, 'abc', NOTIFICATION_KEY)).message).toMatch(
      /40-character hex/,
    );
  });

  it('signed but not JSON, or JSON that is not a notification', () => {
    const text = 'status=completed';
    expect(reasonOf(() => verifyNotification(text, signNotification(text, 'k'), 'k')).reason).toBe(
      'body_not_json',
    );
    const json = serializeInvoiceboxJson({ hello: 'world' });
    const error = reasonOf(() => verifyNotification(json, signNotification(json, 'k'), 'k'));
    expect(error.reason).toBe('not_a_notification');
    expect(error.message).toMatch(/id/);
  });

  it('an empty key is a configuration error', () => {
    expect(() => verifyNotification(body, NOTIFICATION_SIGNATURE, '')).toThrow(TypeError);
  });
});

describe('signature algorithm (a per-shop setting in the cabinet)', () => {
  it('signs and verifies with sha1 (default), sha256 and sha512', () => {
    expect(NOTIFICATION_SIGNATURE_ALGORITHMS).toEqual(['sha1', 'sha256', 'sha512']);
    // HMAC-SHA256 of the fixture under `test`, recomputed independently in the protocol notes (§8.4).
    expect(signNotification(body, NOTIFICATION_KEY, 'sha256')).toBe(
      '71ed75df37273e45ccb02797711249ececd9c709aa02ffe6210398dd91635f55',
    );
    for (const algorithm of NOTIFICATION_SIGNATURE_ALGORITHMS) {
      const signature = signNotification(body, NOTIFICATION_KEY, algorithm);
      expect(signature).toHaveLength({ sha1: 40, sha256: 64, sha512: 128 }[algorithm]);
      expect(verifyNotification(body, signature, NOTIFICATION_KEY, { algorithm }).id).toBeTruthy();
      expect(
        verifyNotification(body, signature.toUpperCase(), NOTIFICATION_KEY, { algorithm }).id,
      ).toBeTruthy();
    }
  });

  it('a signature of another algorithm says which one to configure', () => {
    const sha256 = signNotification(body, NOTIFICATION_KEY, 'sha256');
    const error = reasonOf(() => verifyNotification(body, sha256, NOTIFICATION_KEY));
    expect(error.reason).toBe('signature_mismatch');
    expect(error.message).toContain(
      'X-Signature has 64 hex characters, which is HMAC-SHA256, but the key is checked with sha1: set the algorithm to the one chosen in the Invoicebox cabinet',
    );
    const sha1 = reasonOf(() =>
      verifyNotification(body, NOTIFICATION_SIGNATURE, NOTIFICATION_KEY, { algorithm: 'sha512' }),
    );
    expect(sha1.message).toMatch(/40 hex characters, which is HMAC-SHA1, but the key is checked with sha512/);
    // Right length, wrong bytes: the key or the body, not the algorithm.
    const flipped = `${sha256.slice(0, -1)}${sha256.endsWith('0') ? '1' : '0'}`;
    const wrong = reasonOf(() =>
      verifyNotification(body, flipped, NOTIFICATION_KEY, { algorithm: 'sha256' }),
    );
    expect(wrong.message).toMatch(/notification key/);
  });

  it('diagnose: false skips the re-serialisation diagnosis', () => {
    const reserialised = JSON.stringify(JSON.parse(body.toString('utf8')));
    const error = reasonOf(() =>
      verifyNotification(reserialised, NOTIFICATION_SIGNATURE, NOTIFICATION_KEY, { diagnose: false }),
    );
    expect(error.reason).toBe('signature_mismatch');
    expect(error.message).not.toMatch(/matches the same JSON/);
    expect(error.message).toMatch(/diagnose: false/);
  });

  it('an unknown algorithm is a configuration error', () => {
    const md5 = 'md5' as NotificationSignatureAlgorithm;
    expect(() => signNotification(body, NOTIFICATION_KEY, md5)).toThrow(TypeError);
    expect(() =>
      verifyNotification(body, NOTIFICATION_SIGNATURE, NOTIFICATION_KEY, { algorithm: md5 }),
    ).toThrow(TypeError);
  });
});

describe('replies', () => {
  it('builds every answer', () => {
    expect(notificationReply.success()).toEqual({ status: 'success' });
    for (const code of NOTIFICATION_ERROR_CODES) {
      const reply = notificationReply.error(code);
      expect(reply).toMatchObject({ status: 'error', code });
      expect(reply.status === 'error' && reply.message.length > 0).toBe(true);
    }
    expect(notificationReply.error('order_not_found', 'нет такого')).toEqual({
      status: 'error',
      code: 'order_not_found',
      message: 'нет такого',
    });
    const long = notificationReply.error('out_of_service', 'x'.repeat(600));
    expect(long.status === 'error' && long.message.length).toBe(500);
  });

  it('recognises the monitoring probe', () => {
    expect(isMonitoringProbe({ id: MONITORING_PROBE_ORDER_ID })).toBe(true);
    expect(isMonitoringProbe({ id: '0188d934-85f8-f872-2ac6-ad202d71b985' })).toBe(false);
  });
});
