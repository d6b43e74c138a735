import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { networkInterfaces } from 'node:os';
import { describe, expect, it } from 'vitest';
import { optionsFromEnv } from '../src/env.js';
import type { SandboxOptions } from '../src/index.js';
import { isAllowedNotificationUrl } from '../src/notification-url-policy.js';
import { control, demoShop, docsOrder, eventually } from './support/fixtures.js';
import { createOrder, testSandbox, useCleanup, v3 } from './support/sandbox.js';

/** This machine's first non-loopback IPv4 address: a real host the sandbox must not post to by default. */
const outsideAddress = Object.values(networkInterfaces())
  .flat()
  .find((i) => i && !i.internal && i.family === 'IPv4')?.address;

const defer = useCleanup();

async function sandboxWith(opts: SandboxOptions) {
  const sandbox = await testSandbox(opts);
  defer(sandbox.close);
  return sandbox;
}

/** A receiver on every interface, so it is reachable through a non-loopback address. */
async function startOpenReceiver() {
  let hits = 0;
  const server = createServer((req, res) => {
    hits += 1;
    req.resume();
    res.writeHead(200, { 'content-type': 'application/json' }).end('{"status":"success"}');
  });
  await new Promise<void>((resolve) => server.listen(0, '0.0.0.0', resolve));
  defer(() => new Promise<void>((resolve) => server.close(() => resolve())));
  return { port: (server.address() as AddressInfo).port, hits: () => hits };
}

describe('notification URLs are limited to this machine unless allowed', () => {
  it('loopback hosts are allowed; other hosts and schemes are not', () => {
    for (const url of [
      'http://localhost:3000/h',
      'http://127.0.0.1/h',
      'http://127.8.9.1/h',
      'http://[::1]:3000/h',
      'https://shop.localhost/h',
    ]) {
      expect(isAllowedNotificationUrl(url, false), url).toBe(true);
    }
    for (const url of [
      'http://example.com/h',
      'http://10.0.0.1/h',
      'http://[::2]/h',
      'http://localhost.example.com/h',
      'file:///etc/passwd',
      'not a url',
    ]) {
      expect(isAllowedNotificationUrl(url, false), url).toBe(false);
    }
    expect(isAllowedNotificationUrl('https://example.com/h', true)).toBe(true);
    expect(isAllowedNotificationUrl('ftp://example.com/h', true)).toBe(false);
  });

  it('an order naming another host is refused with a 422 on notificationUrl and not stored', async () => {
    const sandbox = await sandboxWith({ merchants: demoShop() });
    const notificationUrl = 'https://example.com/webhooks/invoicebox';
    const res = await v3(sandbox, 'POST', '/billing/api/order/order', docsOrder({ notificationUrl }));
    expect(res.status).toBe(422);
    const { error } = res.body;
    expect(error.fields.map((f: { name: string }) => f.name)).toEqual(['notificationUrl']);
    expect(error.message).toContain('SANDBOX_ALLOW_ANY_NOTIFICATION_HOST');
    expect((await control(sandbox.url, 'GET', '/_sandbox/orders')).body.orders).toEqual([]);
  });

  it('SANDBOX_ALLOW_ANY_NOTIFICATION_HOST=1 sets the option; anything but 0/1 is refused', () => {
    expect(optionsFromEnv({ SANDBOX_ALLOW_ANY_NOTIFICATION_HOST: '1' }).allowAnyNotificationHost).toBe(true);
    expect(optionsFromEnv({}).allowAnyNotificationHost).toBe(false);
    expect(() => optionsFromEnv({ SANDBOX_ALLOW_ANY_NOTIFICATION_HOST: 'yes' })).toThrow(
      /SANDBOX_ALLOW_ANY_NOTIFICATION_HOST/,
    );
  });

  it.runIf(outsideAddress)(
    'a merchant URL on a non-loopback address is never posted to by default',
    async () => {
      const receiver = await startOpenReceiver();
      const sandbox = await sandboxWith({
        retryTimeScale: 0.0001,
        merchants: demoShop(`http://${outsideAddress}:${receiver.port}/hook`),
      });
      const order = (await createOrder(sandbox)) as { id: string };
      expect((await control(sandbox.url, 'POST', `/_sandbox/orders/${order.id}/pay`, {})).status).toBe(200);
      const probe = await control(sandbox.url, 'POST', '/_sandbox/probe', {});
      expect(probe.status).toBe(422);
      expect(probe.body.error.fields[0].name).toBe('notificationUrl');
      // The same merchant with the setting on is notified: the receiver is reachable, so zero hits above mean refusal.
      const open = await sandboxWith({
        retryTimeScale: 0.0001,
        allowAnyNotificationHost: true,
        merchants: demoShop(`http://${outsideAddress}:${receiver.port}/hook`),
      });
      const other = (await createOrder(open)) as { id: string };
      await control(open.url, 'POST', `/_sandbox/orders/${other.id}/pay`, {});
      await eventually(() => receiver.hits() === 1 || undefined);
      const deliveries = (await control(sandbox.url, 'GET', `/_sandbox/deliveries?orderId=${order.id}`)).body;
      expect(deliveries.deliveries).toEqual([]);
      expect(receiver.hits()).toBe(1);
    },
  );
});
