import { createHmac } from 'node:crypto';
import { expect, it } from 'vitest';
import { InvoiceboxSignatureError, verifyNotification } from '../../src/index.js';
import { signedTestNotification, testNotification } from '../../src/testing.js';

const key = 'shop-notification-key';

it('signs the body as Invoicebox does, so the shop verifies it on the raw bytes', () => {
  const notification = testNotification({
    merchantOrderId: 'A-1001',
    amount: 371.88,
    successUrl: 'https://s.example/x',
  });
  const { body, headers } = signedTestNotification(notification, { key });

  expect(body).toContain('"successUrl":"https:\\/\\/s.example\\/x"'); // PHP's json_encode escapes slashes
  expect(headers).toEqual({
    'Content-Type': 'application/json',
    'X-Signature': createHmac('sha1', key).update(body).digest('hex'),
  });
  expect(verifyNotification(Buffer.from(body), headers['X-Signature'], key)).toMatchObject({
    merchantOrderId: 'A-1001',
    amount: 371.88,
    status: 'completed',
  });
});

it('signs with the algorithm the shop chose, which verifyNotification then has to be told', () => {
  const { body, headers } = signedTestNotification(testNotification({ merchantOrderId: 'A-2002' }), {
    key,
    algorithm: 'sha256',
  });

  expect(headers['X-Signature']).toBe(createHmac('sha256', key).update(body).digest('hex'));
  expect(verifyNotification(body, headers['X-Signature'], key, { algorithm: 'sha256' })).toMatchObject({
    merchantOrderId: 'A-2002',
  });
  expect(() => verifyNotification(body, headers['X-Signature'], key)).toThrow(InvoiceboxSignatureError);
});

it('is rejected under another key, as a forged notification would be', () => {
  const { body, headers } = signedTestNotification(testNotification(), { key });
  expect(() => verifyNotification(body, headers['X-Signature'], 'another-key')).toThrow(
    InvoiceboxSignatureError,
  );
});

it('builds a notification the SDK accepts, with overrides applied', () => {
  const n = testNotification({ status: 'canceled', merchantId: 'm-1' });
  expect(n).toMatchObject({ status: 'canceled', merchantId: 'm-1', currencyId: 'RUB' });
});

it('signs a string body as it is, for bodies a handler must refuse although the signature is right', () => {
  const body = '{"merchantOrderId":"A-1001","amount":"371.88"}';
  const signed = signedTestNotification(body, { key });
  expect(signed.body).toBe(body);
  expect(signed.headers['X-Signature']).toBe(createHmac('sha1', key).update(body).digest('hex'));
  // Signed correctly, but not a notification: the SDK still refuses it.
  expect(() => verifyNotification(body, signed.headers['X-Signature'], key)).toThrow();
});
