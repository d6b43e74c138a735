import { Writable } from 'node:stream';
import { DEMO_SHOP } from '@checkout/invoicebox';
import { signedTestNotification } from '@checkout/invoicebox/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../src/logger.js';
import { deliverNotification, startTestApi, TEST_ADMIN_TOKEN, type TestApi } from '../testing/index.js';
import { checkoutInput, waitForStatus } from './support/fixtures.js';

/** Everything the API logs during a whole flow, checked for secrets and personal data. */
describe('logs', () => {
  let lines = '';
  let stack: TestApi;
  beforeAll(async () => {
    const sink = new Writable({
      write(chunk, _encoding, done) {
        lines += chunk.toString();
        done();
      },
    });
    stack = await startTestApi({ logger: createLogger('debug', sink) });
  });
  afterAll(() => stack?.close());

  it('carry request ids and Invoicebox request ids, but no tokens, keys, phones or e-mails', async () => {
    const input = checkoutInput({
      customer: {
        type: 'private',
        name: 'Иван Петров',
        email: 'ivan.petrov@example.ru',
        phone: '+7 912 345-67-89',
      },
    });
    const { api } = stack;
    const { orderId } = await api.caller().orders.create(input);
    await stack.sandboxControl!.pay(orderId);
    await waitForStatus(api, orderId, 'paid');
    const staff = { authorization: `Bearer ${TEST_ADMIN_TOKEN}` };
    const search = encodeURIComponent(JSON.stringify({ search: 'ivan.petrov@example.ru' }));
    expect(
      (await fetch(`${api.url}/trpc/admin.orders.list?input=${search}`, { headers: staff })).status,
    ).toBe(200);
    const forged = signedTestNotification(
      {
        id: 'x',
        merchantId: DEMO_SHOP.merchantId,
        merchantOrderId: orderId,
        status: 'completed',
        amount: 1,
        currencyId: 'RUB',
      },
      { key: 'guessed-key' },
    );
    await deliverNotification(api.url, forged);

    expect(lines).toMatch(/"invoiceboxRequestId":"[^"]+"/);
    expect(lines).toMatch(/"reqId":"[^"]+"/);
    const forgedSignature = forged.headers['X-Signature'];
    for (const secret of [TEST_ADMIN_TOKEN, DEMO_SHOP.token, DEMO_SHOP.notificationKey, forgedSignature]) {
      expect(lines).not.toContain(secret);
    }
    expect(lines).not.toContain('ivan.petrov@example.ru');
    expect(lines).not.toContain('79123456789');
  });
});
