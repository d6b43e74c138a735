import { DEMO_SHOP, InvoiceboxSignatureError, signNotification } from '@checkout/invoicebox';
import { describe, expect, it } from 'vitest';
import { WebhookRejections } from '../src/webhooks/rejections.js';
import { verifySigned } from '../src/webhooks/verify-signed.js';

const key = DEMO_SHOP.notificationKey;

function reasonOf(run: () => unknown): InvoiceboxSignatureError {
  try {
    run();
  } catch (error) {
    if (error instanceof InvoiceboxSignatureError) return error;
    throw error;
  }
  throw new Error('expected a signature error');
}

describe('unsigned webhook posts', () => {
  it('are all counted, but only a bounded sample is kept (digests, never bodies)', () => {
    const log = new WebhookRejections();
    const raw = Buffer.from('{"secret":"card 4111111111111111"}');
    const sampled = Array.from({ length: 25 }, () => log.record('203.0.113.7', 'signature_mismatch', raw));
    expect(sampled.filter(Boolean)).toHaveLength(10);
    expect(log.wouldSample()).toBe(false);
    const snapshot = log.snapshot();
    expect(snapshot.total).toBe(25);
    expect(snapshot.byReason).toEqual({ signature_mismatch: 25 });
    expect(snapshot.recent).toHaveLength(10);
    expect(JSON.stringify(snapshot)).not.toContain('4111');
  });

  it('get the re-serialisation diagnosis only when asked for it', () => {
    // Signed as Invoicebox serialises it (escaped slashes), delivered re-serialised: the classic integration bug.
    const original = '{"url":"https:\\/\\/example.ru\\/x"}';
    const signature = signNotification(original, key);
    const reserialised = Buffer.from(JSON.stringify(JSON.parse(original)));
    const quiet = reasonOf(() => verifySigned(reserialised, signature, key, 'sha1', false));
    expect(quiet.reason).toBe('signature_mismatch');
    expect(quiet.message).toMatch(/switched off/);
    const diagnosed = reasonOf(() => verifySigned(reserialised, signature, key, 'sha1', true));
    expect(diagnosed.message).toMatch(/it matches the same JSON as Invoicebox serialises it/);
  });

  it('still accepts a correctly signed body without diagnosis', () => {
    const body = '{"id":"x"}';
    const error = reasonOf(() =>
      verifySigned(Buffer.from(body), signNotification(body, key), key, 'sha1', false),
    );
    // The signature held: what is refused is the content, not the signature.
    expect(error.reason).toBe('not_a_notification');
  });
});
