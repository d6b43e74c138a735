import { Writable } from 'node:stream';
import { DEMO_SHOP } from '@checkout/invoicebox';
import type { RunningSandbox } from '@checkout/sandbox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../src/logger.js';
import { type RunningApi, startApi } from '../src/server.js';
import { checkoutInput, waitForStatus } from './support/fixtures.js';
import { ADMIN_TOKEN, RELAXED_LIMITS, STOREFRONT_URL } from './support/harness.js';
import { signed } from './support/notify.js';

/** Everything the API logs during a whole flow, checked for secrets and personal data. */
describe('logs', () => {
  let lines = '';
  let api: RunningApi;
  let sandbox: RunningSandbox;
  beforeAll(async () => {
    const { startSandbox } = await import('@checkout/sandbox');
    sandbox = await startSandbox({ port: 0, retryTimeScale: 0.0001, rateLimit: false, log: false });
    const sink = new Writable({
      write(chunk, _encoding, done) {
        lines += chunk.toString();
        done();
      },
    });
    api = await startApi({
      port: 0,
      invoiceboxApiUrl: sandbox.url,
      storefrontUrl: STOREFRONT_URL,
      adminToken: ADMIN_TOKEN,
      reconcileIntervalMs: false,
      logger: createLogger('debug', sink),
      limits: RELAXED_LIMITS,
    });
  });
  afterAll(async () => {
    await api?.close();
    await sandbox?.close();
  });

  it('carry request ids and Invoicebox request ids, but no tokens, keys, phones or e-mails', async () => {
    const input = checkoutInput({
      customer: {
        type: 'private',
        name: 'Иван Петров',
        email: 'ivan.petrov@example.ru',
        phone: '+7 912 345-67-89',
      },
    });
    const { orderId } = await api.caller().orders.create(input);
    await fetch(`${sandbox.url}/_sandbox/orders/${orderId}/pay`, { method: 'POST' });
    await waitForStatus(api, orderId, 'paid');
    const staff = { authorization: `Bearer ${ADMIN_TOKEN}` };
    const search = encodeURIComponent(JSON.stringify({ search: 'ivan.petrov@example.ru' }));
    expect(
      (await fetch(`${api.url}/trpc/admin.orders.list?input=${search}`, { headers: staff })).status,
    ).toBe(200);
    const forged = signed(
      {
        id: 'x',
        merchantId: DEMO_SHOP.merchantId,
        merchantOrderId: orderId,
        status: 'completed',
        amount: 1,
        currencyId: 'RUB',
      },
      'guessed-key',
    );
    await fetch(`${api.url}/webhooks/invoicebox`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-signature': forged.signature },
      body: forged.body,
    });

    expect(lines).toMatch(/"invoiceboxRequestId":"[^"]+"/);
    expect(lines).toMatch(/"reqId":"[^"]+"/);
    for (const secret of [ADMIN_TOKEN, DEMO_SHOP.token, DEMO_SHOP.notificationKey, forged.signature]) {
      expect(lines).not.toContain(secret);
    }
    expect(lines).not.toContain('ivan.petrov@example.ru');
    expect(lines).not.toContain('79123456789');
  });
});
