import { createHmac } from 'node:crypto';
import { DEMO_SHOP } from '@checkout/invoicebox';
import { describe, expect, it } from 'vitest';
import type { RunningSandbox } from '../src/index.js';
import { control, demoShop, eventually } from './support/fixtures.js';
import { type Received, startReceiver } from './support/receiver.js';
import { createOrder, testSandbox, useCleanup } from './support/sandbox.js';

const ok = { status: 200, body: '{"status":"success"}' };

/** The value of a header looked up by its exact spelling on the wire. */
function rawHeader(request: Received, name: string): string | undefined {
  const i = request.rawHeaders.indexOf(name);
  return i >= 0 ? request.rawHeaders[i + 1] : undefined;
}

describe('notification signature header and algorithm', () => {
  const defer = useCleanup();

  async function paidOrderNotification(sandbox: RunningSandbox, received: Received[]) {
    const data = (await createOrder(sandbox)) as { id: string };
    await control(sandbox.url, 'POST', `/_sandbox/orders/${data.id}/pay`, {});
    return eventually(() => received.find((r) => JSON.parse(r.body.toString()).id === data.id));
  }

  async function setup(merchants = demoShop('http://127.0.0.1:9/')) {
    const receiver = await startReceiver(() => ok);
    defer(receiver.close);
    const sandbox = await testSandbox({
      merchants: merchants.map((m) => ({ ...m, notificationUrl: receiver.url })),
    });
    defer(sandbox.close);
    return { receiver, sandbox };
  }

  it('the header is sent spelled exactly X-Signature, HMAC-SHA1 by default', async () => {
    const { receiver, sandbox } = await setup();
    const request = await paidOrderNotification(sandbox, receiver.received);
    const names = request.rawHeaders.filter((_, i) => i % 2 === 0);
    expect(names).toContain('X-Signature');
    expect(names).not.toContain('x-signature');
    const expected = createHmac('sha1', DEMO_SHOP.notificationKey).update(request.body).digest('hex');
    expect(rawHeader(request, 'X-Signature')).toBe(expected);
    expect(rawHeader(request, 'Content-Type')).toBe('application/json');
  });

  it('a merchant configured for sha256 gets SHA-256 signatures', async () => {
    const { receiver, sandbox } = await setup([{ ...demoShop()[0]!, signatureAlgorithm: 'sha256' }]);
    const request = await paidOrderNotification(sandbox, receiver.received);
    const expected = createHmac('sha256', DEMO_SHOP.notificationKey).update(request.body).digest('hex');
    expect(rawHeader(request, 'X-Signature')).toBe(expected);
  });

  it('the control API switches the algorithm at run time and shows no secrets; reset restores it', async () => {
    const { receiver, sandbox } = await setup();
    const path = `/_sandbox/merchants/${DEMO_SHOP.merchantId}`;
    const changed = await control(sandbox.url, 'PATCH', path, { signatureAlgorithm: 'sha512' });
    expect(changed.status).toBe(200);
    expect(changed.body).toMatchObject({
      merchantId: DEMO_SHOP.merchantId,
      signatureAlgorithm: 'sha512',
      refundBasketAvailableAmount: true,
      holdPayments: false,
    });
    const text = JSON.stringify(changed.body);
    expect(text).not.toContain(DEMO_SHOP.token);
    expect(text).not.toContain(DEMO_SHOP.notificationKey);
    const request = await paidOrderNotification(sandbox, receiver.received);
    const expected = createHmac('sha512', DEMO_SHOP.notificationKey).update(request.body).digest('hex');
    expect(rawHeader(request, 'X-Signature')).toBe(expected);

    const bad = await control(sandbox.url, 'PATCH', path, { signatureAlgorithm: 'md5' });
    expect(bad.status).toBe(422);
    expect(bad.body.error.fields[0].name).toBe('signatureAlgorithm');
    const unknown = await control(sandbox.url, 'PATCH', '/_sandbox/merchants/nope', { holdPayments: true });
    expect(unknown.status).toBe(404);

    await control(sandbox.url, 'POST', '/_sandbox/reset');
    expect((await control(sandbox.url, 'GET', path)).body.signatureAlgorithm).toBe('sha1');
  });
});
