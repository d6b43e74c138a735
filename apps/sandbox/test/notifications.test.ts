import { DEMO_SHOP, MONITORING_PROBE_ORDER_ID, verifyNotification } from '@checkout/invoicebox';
import { describe, expect, it } from 'vitest';
import type { Delivery, RunningSandbox, startSandbox } from '../src/index.js';
import {
  AUTH,
  control,
  demoShop,
  docsOrder,
  eventually,
  REFUND_ORDER_FIELDS,
  twoLineOrder,
} from './support/fixtures.js';
import { startReceiver } from './support/receiver.js';
import { createOrder, testSandbox, useCleanup } from './support/sandbox.js';

const ok = { status: 200, body: '{"status":"success"}' };
const error = (code: string) => ({
  status: 200,
  body: JSON.stringify({ status: 'error', code, message: code }),
});

describe('notifications to a real HTTP receiver', () => {
  const defer = useCleanup();

  async function setup(
    answer: Parameters<typeof startReceiver>[0],
    extra: Parameters<typeof startSandbox>[0] = {},
  ) {
    const receiver = await startReceiver(answer);
    defer(receiver.close);
    const sandbox = await testSandbox({
      retryTimeScale: 0.00001, // the 24-hour schedule in under a second
      refundCompletionDelayMs: 0,
      merchants: demoShop(receiver.url),
      ...extra,
    });
    defer(sandbox.close);
    return { receiver, sandbox };
  }

  const deliveries = async (sandbox: RunningSandbox, orderId: string) =>
    (await control(sandbox.url, 'GET', `/_sandbox/deliveries?orderId=${orderId}`)).body
      .deliveries as Delivery[];

  it('payment: signed JSON that verifyNotification accepts, recorded as delivered', async () => {
    const { receiver, sandbox } = await setup(() => ok);
    const order = await createOrder(sandbox);
    await control(sandbox.url, 'POST', `/_sandbox/orders/${order.merchantOrderId}/pay`, {});
    const [delivery] = await eventually(async () => {
      const list = await deliveries(sandbox, order.id);
      return list[0]?.outcome === 'delivered' ? list : undefined;
    });
    const [request] = receiver.received;
    expect(request?.headers['content-type']).toBe('application/json');
    const notification = verifyNotification(
      request!.body,
      request!.headers['x-signature'],
      DEMO_SHOP.notificationKey,
    );
    expect(notification).toMatchObject({
      id: order.id,
      status: 'completed',
      amount: 371.88,
      merchantId: DEMO_SHOP.merchantId,
    });
    expect(notification.paidAt).toBeTruthy();
    expect(request!.body.toString()).toContain('\\/order\\/'); // PHP-style escaping, as signed
    expect(delivery).toMatchObject({
      event: 'payment',
      attempt: 1,
      responseStatus: 200,
      responseBody: '{"status":"success"}',
      requestBody: request!.body.toString(),
      signature: request!.headers['x-signature'],
    });
  });

  it('out_of_service is retried and then delivered', async () => {
    const { receiver, sandbox } = await setup((_r, i) => (i < 2 ? error('out_of_service') : ok));
    const order = await createOrder(sandbox);
    await control(sandbox.url, 'POST', `/_sandbox/orders/${order.id}/pay`, {});
    const list = await eventually(async () => {
      const all = await deliveries(sandbox, order.id);
      return all.some((d) => d.outcome === 'delivered') ? all : undefined;
    });
    expect(list.map((d) => [d.attempt, d.outcome])).toEqual([
      [1, 'retrying'],
      [2, 'retrying'],
      [3, 'delivered'],
    ]);
    expect(list[0]?.nextAttemptAt).toBeTruthy();
    expect(receiver.received).toHaveLength(3);
    expect(new Set(receiver.received.map((r) => r.body.toString())).size).toBe(1);
  });

  it('signature_error is rejected and not retried', async () => {
    const { receiver, sandbox } = await setup(() => error('signature_error'));
    const order = await createOrder(sandbox);
    await control(sandbox.url, 'POST', `/_sandbox/orders/${order.id}/pay`, {});
    const [delivery] = await eventually(async () => {
      const list = await deliveries(sandbox, order.id);
      return list[0]?.outcome === 'rejected' ? list : undefined;
    });
    expect(delivery?.error).toBe('signature_error');
    // Probe afterwards: had a retry been scheduled it would have reached the receiver long before the probe.
    await control(sandbox.url, 'POST', '/_sandbox/probe', {});
    await eventually(() => (receiver.received.length >= 2 ? true : undefined));
    expect(receiver.received.map((r) => JSON.parse(r.body.toString()).id)).toEqual([
      order.id,
      MONITORING_PROBE_ORDER_ID,
    ]);
  });

  it('non-200 and invalid JSON retry; after ten retries the delivery fails', async () => {
    const { receiver, sandbox } = await setup((_r, i) =>
      i % 2 ? { status: 500, body: 'oops' } : { status: 200, body: 'not json' },
    );
    const order = await createOrder(sandbox);
    await control(sandbox.url, 'POST', `/_sandbox/orders/${order.id}/pay`, {});
    const list = await eventually(async () => {
      const all = await deliveries(sandbox, order.id);
      return all.at(-1)?.outcome === 'failed' ? all : undefined;
    }, 15_000);
    expect(list).toHaveLength(11);
    expect(receiver.received).toHaveLength(11);
  });

  it('a receiver that never answers within the timeout is a failed attempt, to be retried', async () => {
    const { sandbox } = await setup(() => ok, { notificationTimeoutMs: 50, retryTimeScale: 1 });
    // A port that accepts but never answers: a raw TCP server.
    const net = await import('node:net');
    const sockets: import('node:net').Socket[] = [];
    const server = net.createServer((socket) => sockets.push(socket));
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    defer(() => {
      for (const socket of sockets) socket.destroy();
      return new Promise((r) => server.close(() => r()));
    });
    const port = (server.address() as { port: number }).port;
    const order = await createOrder(sandbox, {
      ...docsOrder(),
      notificationUrl: `http://127.0.0.1:${port}/hook`,
    });
    await control(sandbox.url, 'POST', `/_sandbox/orders/${order.id}/pay`, {});
    const [delivery] = await eventually(async () => {
      const list = await deliveries(sandbox, order.id);
      return list[0]?.error ? list : undefined;
    });
    expect(delivery).toMatchObject({
      outcome: 'retrying',
      responseStatus: null,
      error: 'no answer within 50 ms',
    });
  });

  it('cancellation, expiry and refund are notified; the probe carries the monitoring id', async () => {
    const { receiver, sandbox } = await setup(() => ok);
    const canceled = await createOrder(sandbox);
    await fetch(`${sandbox.url}/v3/billing/api/order/order/${canceled.id}`, {
      method: 'DELETE',
      headers: AUTH,
    });
    const expired = await createOrder(sandbox);
    await control(sandbox.url, 'POST', `/_sandbox/orders/${expired.id}/expire`, {});
    const paid = await createOrder(sandbox, twoLineOrder());
    await control(sandbox.url, 'POST', `/_sandbox/orders/${paid.id}/pay`, {});
    const item = twoLineOrder().basketItems[1]!;
    const refund = await fetch(`${sandbox.url}/v3/billing/api/order/refund-order`, {
      method: 'POST',
      headers: { ...AUTH, 'content-type': 'application/json' },
      body: JSON.stringify({
        parentId: paid.id,
        merchantOrderId: `r-${paid.id}`,
        amount: 3000,
        vatAmount: 0,
        basketItems: [item],
        description: 'возврат',
      }),
    });
    expect(refund.status).toBe(200);
    const probe = await control(sandbox.url, 'POST', '/_sandbox/probe', {});
    expect(probe.body.delivery.orderId).toBe(MONITORING_PROBE_ORDER_ID);
    const bodies = await eventually(() => {
      const parsed = receiver.received.map((r) => {
        verifyNotification(r.body, r.headers['x-signature'], DEMO_SHOP.notificationKey);
        return JSON.parse(r.body.toString()) as Record<string, unknown>;
      });
      return parsed.length === 5 ? parsed : undefined;
    });
    const find = (pred: (b: Record<string, unknown>) => boolean) => bodies.find(pred);
    expect(find((b) => b.id === canceled.id)?.status).toBe('canceled');
    expect(find((b) => b.id === expired.id)?.status).toBe('expired');
    expect(find((b) => b.id === paid.id)?.status).toBe('completed');
    // A refund notification is the refund order as the docs give it (§5.9): known by its parentId, no subtype.
    const refundBody = find((b) => b.parentId === paid.id);
    expect(Object.keys(refundBody ?? {})).toEqual(REFUND_ORDER_FIELDS);
    expect(refundBody).toMatchObject({ status: 'completed', amount: 3000, merchantOrderId: `r-${paid.id}` });
    expect(find((b) => b.id === MONITORING_PROBE_ORDER_ID)).toMatchObject({
      merchantOrderId: '',
      merchantId: DEMO_SHOP.merchantId,
    });
  });

  it('an order nobody reads expires by the timer and the shop is notified', async () => {
    const { receiver, sandbox } = await setup(() => ok);
    const soon = new Date(Date.now() + 1000).toISOString().replace(/\.\d+Z$/, '+00:00');
    const order = await createOrder(sandbox, docsOrder({ expirationDate: soon }));
    const [request] = await eventually(
      () => (receiver.received.length > 0 ? receiver.received : undefined),
      5000,
    );
    expect(JSON.parse(request!.body.toString())).toMatchObject({ id: order.id, status: 'expired' });
  });

  it('drop mode records the notification as dropped and never sends it; resend sends it', async () => {
    const { receiver, sandbox } = await setup(() => ok);
    const settings = await control(sandbox.url, 'PUT', '/_sandbox/settings', {
      notifications: { mode: 'drop' },
    });
    expect(settings.body).toEqual({ notifications: { mode: 'drop', dropRate: 0 } });
    const order = await createOrder(sandbox);
    await control(sandbox.url, 'POST', `/_sandbox/orders/${order.id}/pay`, {});
    expect((await deliveries(sandbox, order.id)).map((d) => d.outcome)).toEqual(['dropped']);
    await control(sandbox.url, 'POST', `/_sandbox/orders/${order.id}/resend`, {});
    await eventually(() => (receiver.received.length === 1 ? true : undefined));
    expect(JSON.parse(receiver.received[0]!.body.toString()).id).toBe(order.id);
  });
});
