import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEMO_SHOP } from '@checkout/invoicebox';
import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { type Delivery, type RunningSandbox, sandboxControl, startSandbox } from '../src/index.js';
import { AUTH, demoShop, docsOrder, eventually } from './support/fixtures.js';
import { startReceiver } from './support/receiver.js';

type Call = { jsonrpc: string; id: string; method: string; params: unknown };

const OTHER_SHOP = {
  merchantId: '0190aaaa-bbbb-7ccc-8ddd-eeeeeeeeeeee',
  token: 'other-shop-token',
  notificationKey: 'other-key',
  notificationUrl: 'http://127.0.0.1:9/other',
};

/** A gate client written against the docs only: it records every call and answers as the test says. */
async function openGate(sandbox: RunningSandbox, token: string, answer?: (call: Call) => unknown) {
  const ws = new WebSocket(`${sandbox.url.replace('http', 'ws')}/v3/gate/rpc?token=${token}`);
  const calls: { call: Call; raw: string }[] = [];
  ws.on('message', (data) => {
    const raw = data.toString();
    const call = JSON.parse(raw) as Call;
    calls.push({ call, raw });
    const reply = answer?.(call);
    if (reply !== undefined) ws.send(JSON.stringify({ jsonrpc: '2.0', id: call.id, ...(reply as object) }));
  });
  await new Promise<void>((resolve, reject) => {
    ws.once('open', resolve);
    ws.once('error', reject);
  });
  const closed = new Promise<void>((resolve) => ws.once('close', () => resolve()));
  return { ws, calls, closed, ofMethod: (m: string) => calls.filter((c) => c.call.method === m) };
}

const success = { result: { status: 'success' } };
const statusReply = { result: { version: '2.1', type: 'device', settings: {}, log: [] } };
const ackAll = (call: Call) => (call.method === 'getStatus' ? statusReply : success);

describe('the WebSocket gate', () => {
  const cleanup: (() => Promise<unknown> | unknown)[] = [];
  afterEach(async () => {
    for (const close of cleanup.splice(0).reverse()) await close();
  });

  async function setup(notificationUrl?: string) {
    const sandbox = await startSandbox({
      port: 0,
      log: false,
      rateLimit: false,
      retryTimeScale: 0.0001, // retries within ms; a shop that never reconnects is forgotten after ~9 s
      notificationTimeoutMs: 500,
      merchants: [...demoShop(notificationUrl), OTHER_SHOP],
    });
    cleanup.push(sandbox.close);
    return { sandbox, control: sandboxControl(sandbox.url) };
  }
  const gate = async (...args: Parameters<typeof openGate>) => {
    const opened = await openGate(...args);
    cleanup.push(() => opened.ws.terminate());
    return opened;
  };
  const createOrder = async (sandbox: RunningSandbox) => {
    const res = await fetch(`${sandbox.url}/v3/billing/api/order/order`, {
      method: 'POST',
      headers: { ...AUTH, 'content-type': 'application/json' },
      body: JSON.stringify(docsOrder()),
    });
    return ((await res.json()) as { data: { id: string; merchantOrderId: string } }).data;
  };
  const gateDeliveries = async (control: ReturnType<typeof sandboxControl>, orderId: string) =>
    (await control.deliveries(orderId)).filter((d) => d.url.startsWith('ws:'));

  it('refuses the upgrade with 401 for a wrong or missing token, 404 elsewhere', async () => {
    const { sandbox } = await setup();
    const statusOf = (path: string) =>
      new Promise<number>((resolve, reject) => {
        const ws = new WebSocket(`${sandbox.url.replace('http', 'ws')}${path}`);
        ws.on('unexpected-response', (_req, res) => {
          resolve(res.statusCode ?? 0);
          ws.terminate();
        });
        ws.on('open', () => reject(new Error(`${path} was accepted`)));
        ws.on('error', () => {});
      });
    expect(await statusOf('/v3/gate/rpc?token=wrong')).toBe(401);
    expect(await statusOf('/v3/gate/rpc')).toBe(401);
    expect(await statusOf(`/v3/gate/nope?token=${DEMO_SHOP.token}`)).toBe(404);
  });

  it('asks getStatus on connect and keeps the answer', async () => {
    const { sandbox, control } = await setup();
    const client = await gate(sandbox, DEMO_SHOP.token, ackAll);
    const [first] = await eventually(() => (client.calls.length ? client.calls : undefined));
    expect(first?.call).toMatchObject({ jsonrpc: '2.0', method: 'getStatus', params: { logQuantity: 40 } });
    expect(first?.call.id).toMatch(/^[0-9a-f]{20}$/);
    const [connection] = await eventually(async () => {
      const { connections } = await control.gate();
      return connections[0]?.status ? connections : undefined;
    });
    expect(connection).toMatchObject({ merchantId: DEMO_SHOP.merchantId, status: statusReply.result });
  });

  it('pushes onOrderStatusChange with the exact body the HTTP notification carries, to the owner only', async () => {
    const receiver = await startReceiver(() => ({ status: 200, body: '{"status":"success"}' }));
    cleanup.push(receiver.close);
    const { sandbox, control } = await setup(receiver.url);
    const owner = await gate(sandbox, DEMO_SHOP.token, ackAll);
    const stranger = await gate(sandbox, OTHER_SHOP.token, ackAll);
    const order = await createOrder(sandbox);
    await control.pay(order.id);

    const [pushed] = await eventually(() => {
      const list = owner.ofMethod('onOrderStatusChange');
      return list.length ? list : undefined;
    });
    const [http] = await eventually(() => (receiver.received.length ? receiver.received : undefined));
    expect(pushed?.raw).toBe(
      `{"jsonrpc":"2.0","id":"${pushed?.call.id}","method":"onOrderStatusChange","params":[${http?.body}]}`,
    );
    expect(pushed?.call.params).toEqual([expect.objectContaining({ id: order.id, status: 'completed' })]);
    const [delivery] = await eventually(async () => {
      const list = await gateDeliveries(control, order.id);
      return list[0]?.outcome === 'delivered' ? list : undefined;
    });
    expect(delivery).toMatchObject({
      event: 'payment',
      attempt: 1,
      responseBody: expect.stringContaining('success'),
    });
    expect(stranger.ofMethod('onOrderStatusChange')).toEqual([]);
  });

  it('sends again after a JSON-RPC error or no answer, and stops on a final error code', async () => {
    const { sandbox, control } = await setup();
    let n = 0;
    const client = await gate(sandbox, DEMO_SHOP.token, (call) => {
      if (call.method === 'getStatus') return statusReply;
      n += 1;
      if (n === 1) return { error: { code: -32000, message: 'database down' } };
      if (n === 2) return undefined; // silence: the attempt times out
      return { result: { status: 'error', code: 'order_not_found', message: 'no such order' } };
    });
    const order = await createOrder(sandbox);
    await control.pay(order.id);
    const list = await eventually(async () => {
      const all = await gateDeliveries(control, order.id);
      return all.some((d) => d.outcome === 'rejected') ? all : undefined;
    }, 8000);
    expect(list.map((d: Delivery) => [d.attempt, d.outcome])).toEqual([
      [1, 'retrying'],
      [2, 'retrying'],
      [3, 'rejected'],
    ]);
    expect(list[0]?.error).toContain('database down');
    expect(list[1]?.error).toContain('no answer');
    await new Promise((r) => setTimeout(r, 300));
    expect(client.ofMethod('onOrderStatusChange')).toHaveLength(3);
  });

  it('keeps events while the gate is dropped and delivers them on reconnect', async () => {
    const { sandbox, control } = await setup();
    const silent = await gate(sandbox, DEMO_SHOP.token, (call) =>
      call.method === 'getStatus' ? statusReply : undefined,
    );
    const first = await createOrder(sandbox);
    await control.pay(first.id);
    await eventually(() => (silent.ofMethod('onOrderStatusChange').length ? true : undefined));
    expect(await control.dropGateConnections()).toEqual({ dropped: 1 });
    await silent.closed;

    const second = await createOrder(sandbox);
    await control.pay(second.id); // while nobody is connected
    expect((await control.gate()).pending).toBe(2);

    const client = await gate(sandbox, DEMO_SHOP.token, ackAll);
    await eventually(async () => ((await control.gate()).pending === 0 ? true : undefined));
    const ids = client.ofMethod('onOrderStatusChange').map((c) => (c.call.params as { id: string }[])[0]?.id);
    expect(ids.sort()).toEqual([first.id, second.id].sort());
    const firstList = await gateDeliveries(control, first.id);
    expect(firstList.map((d) => d.outcome)).toEqual(['retrying', 'delivered']);
    expect(firstList[0]?.error).toContain('connection closed');
  });

  it('after a restart, a gate delivery left unanswered goes to the next connection (not to HTTP)', async () => {
    const dataFile = join(mkdtempSync(join(tmpdir(), 'sandbox-gate-')), 'sandbox.json');
    const options = {
      port: 0,
      log: false,
      rateLimit: false as const,
      retryTimeScale: 0.00001,
      dataFile,
      merchants: demoShop(),
    };
    const first = await startSandbox(options);
    const silent = await openGate(first, DEMO_SHOP.token);
    const order = await createOrder(first);
    await sandboxControl(first.url).pay(order.id);
    await eventually(() => (silent.ofMethod('onOrderStatusChange').length ? true : undefined));
    await first.close();
    await silent.closed;

    const second = await startSandbox(options);
    cleanup.push(second.close);
    const control = sandboxControl(second.url);
    expect((await control.gate()).pending).toBe(1);
    const client = await gate(second, DEMO_SHOP.token, ackAll);
    await eventually(async () => ((await control.gate()).pending === 0 ? true : undefined));
    expect(client.ofMethod('onOrderStatusChange')).toHaveLength(1);
    const list = await gateDeliveries(control, order.id);
    expect(list.map((d) => [d.attempt, d.outcome])).toEqual([
      [1, 'failed'],
      [1, 'delivered'],
    ]);
  });

  it('forgets the events of a shop that does not come back within the retry span', async () => {
    const sandbox = await startSandbox({
      port: 0,
      log: false,
      rateLimit: false,
      retryTimeScale: 0.00001, // the 24-hour span in under a second
      notificationTimeoutMs: 200,
      merchants: demoShop(),
    });
    cleanup.push(sandbox.close);
    const control = sandboxControl(sandbox.url);
    const once = await openGate(sandbox, DEMO_SHOP.token);
    once.ws.close();
    await once.closed;
    const order = await createOrder(sandbox);
    await control.pay(order.id);
    expect((await control.gate()).pending).toBe(1);
    await eventually(async () => ((await control.gate()).pending === 0 ? true : undefined));
    expect(await gateDeliveries(control, order.id)).toEqual([]);
  });
});
