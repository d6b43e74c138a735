import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { type WebSocket, WebSocketServer } from 'ws';
import { reconnectDelay } from '../src/gate/backoff.js';
import {
  connectGate,
  type Gate,
  type GateState,
  notificationReply,
  serializeInvoiceboxJson,
} from '../src/index.js';
import { testNotification } from '../src/testing.js';

type Reply = {
  jsonrpc: string;
  id: unknown;
  method?: string;
  result?: unknown;
  error?: { code: number; message: string };
};

/** A real WebSocket server playing the gate: it records connections and every answer the client sends. */
async function startGateServer(opts: { refuse?: number } = {}) {
  const http = createServer();
  const wss = new WebSocketServer({ noServer: true });
  const sockets: WebSocket[] = [];
  const upgrades: string[] = [];
  const replies: Reply[] = [];
  const waiters: ((reply: Reply) => void)[] = [];
  http.on('upgrade', (req: IncomingMessage, socket, head) => {
    upgrades.push(req.url ?? '');
    socket.on('error', () => socket.destroy()); // a client hanging up on a refusal resets the socket
    if (opts.refuse) {
      socket.end(`HTTP/1.1 ${opts.refuse} Refused\r\nContent-Length: 0\r\nConnection: close\r\n\r\n`);
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => {
      sockets.push(ws);
      ws.on('message', (data) => {
        const reply = JSON.parse(data.toString()) as Reply;
        replies.push(reply);
        waiters.shift()?.(reply);
      });
    });
  });
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  const { port } = http.address() as AddressInfo;
  return {
    url: `ws://127.0.0.1:${port}/v3/gate/rpc`,
    sockets,
    upgrades,
    replies,
    /** Sends a raw frame on the newest connection and resolves with the client's next answer. */
    call(frame: string) {
      const next = new Promise<Reply>((resolve) => waiters.push(resolve));
      sockets.at(-1)?.send(frame);
      return next;
    },
    async close() {
      for (const ws of sockets) ws.terminate();
      await new Promise<void>((resolve) => wss.close(() => resolve()));
      await new Promise<void>((resolve) => http.close(() => resolve()));
    },
  };
}

const rpc = (id: string, method: string, params: unknown) =>
  JSON.stringify({ jsonrpc: '2.0', id, method, params });

async function until(check: () => boolean, ms = 5000) {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error('condition not reached');
    await new Promise((r) => setTimeout(r, 5));
  }
}

describe('connectGate against a real WebSocket server', () => {
  const cleanup: (() => Promise<unknown>)[] = [];
  afterEach(async () => {
    for (const close of cleanup.splice(0).reverse()) await close();
  });
  const start = async (opts?: Parameters<typeof startGateServer>[0]) => {
    const server = await startGateServer(opts);
    cleanup.push(server.close);
    return server;
  };
  const connect = (options: Parameters<typeof connectGate>[0]): Gate => {
    const gate = connectGate(options);
    cleanup.push(() => gate.close());
    return gate;
  };

  it('sends the token, hands the handler the notification and its raw JSON, and acks with its reply', async () => {
    const server = await start();
    const seen: { id: string; raw: string }[] = [];
    const gate = connect({
      url: server.url,
      token: 'shop token/1',
      onNotification: (n, { raw }) => {
        seen.push({ id: n.id, raw });
        return n.merchantOrderId === 'paid-twice'
          ? notificationReply.error('order_already_paid', 'paid by another notification')
          : undefined;
      },
    });
    await gate.opened();
    expect(new URL(server.upgrades[0] ?? '', 'http://x').searchParams.get('token')).toBe('shop token/1');

    const notification = testNotification({ merchantOrderId: 'A-1', successUrl: 'https://shop.example/ok' });
    const body = serializeInvoiceboxJson(notification);
    const reply = await server.call(
      `{"jsonrpc":"2.0","id":"01823fdac4b7a7b5a3ac","method":"onOrderStatusChange","params":[${body}]}`,
    );
    expect(reply).toEqual({
      jsonrpc: '2.0',
      id: '01823fdac4b7a7b5a3ac',
      method: 'onOrderStatusChange',
      result: { status: 'success' },
    });
    expect(seen).toEqual([{ id: notification.id, raw: body }]);

    const twice = await server.call(
      rpc('7', 'onOrderStatusChange', [testNotification({ merchantOrderId: 'paid-twice' })]),
    );
    expect(twice.result).toEqual({
      status: 'error',
      code: 'order_already_paid',
      message: 'paid by another notification',
    });
  });

  it('acks only after the handler resolves, and answers a JSON-RPC error when it throws', async () => {
    const server = await start();
    let release = () => {};
    let calls = 0;
    const gate = connect({
      url: server.url,
      token: 't',
      onNotification: async () => {
        calls += 1;
        if (calls === 1) {
          await new Promise<void>((resolve) => {
            release = resolve;
          });
        } else throw new Error('database unavailable');
        return undefined;
      },
    });
    await gate.opened();
    const first = server.call(rpc('a', 'onOrderStatusChange', [testNotification()]));
    await until(() => calls === 1);
    await new Promise((r) => setTimeout(r, 50));
    expect(server.replies).toEqual([]); // still working: nothing acknowledged yet
    release();
    expect((await first).result).toEqual({ status: 'success' });

    const failed = await server.call(rpc('b', 'onOrderStatusChange', [testNotification()]));
    expect(failed.result).toBeUndefined();
    expect(failed.error).toEqual({ code: -32000, message: 'database unavailable' });
  });

  it('refuses params that are not an order notification, naming the fields, without calling the handler', async () => {
    const server = await start();
    let calls = 0;
    const gate = connect({
      url: server.url,
      token: 't',
      onNotification: () => {
        calls += 1;
        return undefined;
      },
    });
    await gate.opened();
    const reply = await server.call(rpc('c', 'onOrderStatusChange', [{ id: 'x', status: 'completed' }]));
    expect(reply.error?.code).toBe(-32602);
    expect(reply.error?.message).toContain('merchantId');
    expect(calls).toBe(0);
    const unknown = await server.call(rpc('d', 'somethingElse', {}));
    expect(unknown.error?.code).toBe(-32601);
  });

  it('answers getStatus with its version and a log of what it handled', async () => {
    const server = await start();
    const gate = connect({ url: server.url, token: 't', onNotification: () => undefined });
    await gate.opened();
    const n = testNotification();
    await server.call(rpc('e', 'onOrderStatusChange', [n]));
    const reply = await server.call(rpc('f', 'getStatus', { logQuantity: 40 }));
    expect(reply).toMatchObject({
      id: 'f',
      method: 'getStatus',
      result: {
        version: '2.1',
        type: 'device',
        settings: { client: '@checkout/invoicebox', url: server.url },
        log: [{ event: 'notification', orderId: n.id, status: 'completed', answer: 'success' }],
      },
    });
    expect(JSON.stringify(reply)).not.toContain('token');
  });

  it('reconnects with back-off when the connection drops, and stops for good on close()', async () => {
    const server = await start();
    const states: GateState[] = [];
    const gate = connect({
      url: server.url,
      token: 't',
      onNotification: () => undefined,
      backoff: { baseDelayMs: 20, maxDelayMs: 100 },
    });
    gate.on('state', (s) => states.push(s));
    const drops: (number | null)[] = [];
    gate.on('disconnected', (e) => drops.push(e.retryInMs));
    await gate.opened();
    server.sockets[0]?.terminate();
    await until(() => gate.connections === 2 && gate.state === 'open');
    expect(drops[0]).toBeGreaterThanOrEqual(10);
    expect(drops[0]).toBeLessThanOrEqual(20);
    expect(states).toEqual(['open', 'waiting', 'connecting', 'open']);

    await gate.close();
    expect(gate.state).toBe('closed');
    await new Promise((r) => setTimeout(r, 150));
    expect(server.upgrades).toHaveLength(2);
    await expect(gate.opened()).rejects.toThrow('closed');
  });

  it('keeps retrying a refused upgrade (wrong token) with growing delays, until the signal aborts', async () => {
    const server = await start({ refuse: 401 });
    const controller = new AbortController();
    const delays: (number | null)[] = [];
    const gate = connect({
      url: server.url,
      token: 'wrong',
      onNotification: () => undefined,
      backoff: { baseDelayMs: 10, maxDelayMs: 40 },
      signal: controller.signal,
    });
    gate.on('disconnected', (e) => delays.push(e.retryInMs));
    await until(() => server.upgrades.length >= 4);
    controller.abort();
    await until(() => gate.state === 'closed');
    expect(gate.connections).toBe(0);
    expect(delays.slice(0, 3).every((d) => d !== null && d >= 5 && d <= 40)).toBe(true);
  });

  it('throws at once on a URL that is not ws(s)', () => {
    expect(() =>
      connectGate({ url: 'https://x.example/v3/gate/rpc', token: 't', onNotification: () => undefined }),
    ).toThrow('ws:// or wss://');
  });
});

describe('reconnectDelay', () => {
  it('doubles from the base up to the cap, half of it random', () => {
    const backoff = { baseDelayMs: 100, maxDelayMs: 1000 };
    expect([0, 1, 2, 3, 4, 10].map((n) => reconnectDelay(n, backoff, () => 0))).toEqual([
      50, 100, 200, 400, 500, 500,
    ]);
    expect([0, 1, 2, 3, 4, 10].map((n) => reconnectDelay(n, backoff, () => 1))).toEqual([
      100, 200, 400, 800, 1000, 1000,
    ]);
  });
});
