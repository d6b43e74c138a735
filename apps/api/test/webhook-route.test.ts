import { connect } from 'node:net';
import { signedTestNotification } from '@checkout/invoicebox/testing';
import { count } from 'drizzle-orm';
import { afterEach, describe, expect, it } from 'vitest';
import { notifications } from '../src/db/schema.js';
import type { StartApiOptions } from '../src/server.js';
import { WEBHOOK_BODY_LIMIT, WEBHOOK_PATH } from '../src/webhooks/invoicebox.js';
import { startTestApi, TEST_SIGNING, type TestApi } from '../testing/index.js';
import { useTestDatabase } from './support/databases.js';
import { metric } from './support/metrics.js';
import { seedAwaitingOrder } from './support/seed-order.js';

const FORGED = { 'content-type': 'application/json', 'x-signature': 'a'.repeat(40) };
const SIGNATURE_ERROR = { status: 'error', code: 'signature_error' };

/** Sends raw HTTP/1.1 bytes and resolves with everything the server sent once it closes the socket. */
function rawExchange(port: number, write: (send: (bytes: string) => void) => void): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    let received = '';
    socket.on('data', (chunk) => {
      received += chunk.toString();
    });
    socket.on('error', () => {});
    socket.once('close', () => resolve(received));
    socket.once('connect', () => write((bytes) => socket.write(bytes)));
    setTimeout(() => reject(new Error(`socket still open; received: ${received.slice(0, 200)}`)), 5_000);
  });
}

// The route is served on node:http ahead of Fastify: what Fastify gave it (request ids, metrics, the client
// address behind a proxy, the body limit, drain) is checked here at the HTTP level. PGlite alone: no
// driver-specific behaviour is involved.
describe(`POST ${WEBHOOK_PATH} on the wire`, () => {
  const t = useTestDatabase('pglite');
  let stack: TestApi | undefined;
  afterEach(async () => {
    await stack?.close();
    stack = undefined;
  });
  const start = async (opts: Partial<StartApiOptions> = {}) => {
    stack = await startTestApi({ database: t.database, sandbox: false, ...opts });
    return stack.api;
  };
  const storedNotifications = async () =>
    (await t.database.db.select({ n: count() }).from(notifications))[0]?.n ?? 0;

  it('answers POST only, with the query string ignored and the caller’s request id echoed', async () => {
    const api = await start();
    const post = (path: string, headers: Record<string, string> = {}) =>
      fetch(`${api.url}${path}`, { method: 'POST', headers: { ...FORGED, ...headers }, body: '{}' });

    const traced = await post(WEBHOOK_PATH, { 'x-request-id': 'invoicebox-req.42' });
    expect(traced.status).toBe(200);
    expect(traced.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect(traced.headers.get('x-request-id')).toBe('invoicebox-req.42');
    expect(await traced.json()).toEqual(SIGNATURE_ERROR);

    // An id that is not a sane token is replaced, never echoed.
    const odd = await post(WEBHOOK_PATH, { 'x-request-id': 'a b<script>' });
    expect(odd.headers.get('x-request-id')).toMatch(/^[\w-]+$/);
    expect(odd.headers.get('x-request-id')).not.toBe('a b<script>');

    expect(await (await post(`${WEBHOOK_PATH}?source=invoicebox`)).json()).toEqual(SIGNATURE_ERROR);
    // Everything else is Fastify's: unknown routes get its 404.
    expect((await post(`${WEBHOOK_PATH}/`)).status).toBe(404);
    expect((await fetch(`${api.url}${WEBHOOK_PATH}`)).status).toBe(404);
    expect((await fetch(`${api.url}/healthz`)).status).toBe(200);
  });

  it('pays an order and counts the request under its route in /metrics', async () => {
    const api = await start();
    const { remote } = await seedAwaitingOrder(t.database);
    const series = { route: WEBHOOK_PATH, method: 'POST', status: '200' };
    const before = await metric(api.url, 'http_request_duration_seconds_count', series);
    const paid = signedTestNotification({ ...remote, status: 'completed' }, TEST_SIGNING);
    const response = await fetch(`${api.url}${WEBHOOK_PATH}`, {
      method: 'POST',
      headers: paid.headers,
      body: paid.body,
    });
    expect(await response.json()).toEqual({ status: 'success' });
    expect(await metric(api.url, 'http_request_duration_seconds_count', series)).toBe(before + 1);
  });

  it('refuses a body over the limit without reading it, whether declared or streamed, and changes nothing', async () => {
    const api = await start();
    const before = await storedNotifications();
    const declared = await rawExchange(api.port, (send) =>
      send(
        `POST ${WEBHOOK_PATH} HTTP/1.1\r\nhost: x\r\ncontent-type: application/json\r\n` +
          `x-signature: ${'a'.repeat(40)}\r\ncontent-length: ${WEBHOOK_BODY_LIMIT + 1}\r\n\r\n{"id":`,
      ),
    );
    expect(declared).toMatch(/^HTTP\/1\.1 200 OK\r\n/);
    expect(declared.toLowerCase()).toContain('connection: close');
    expect(declared).toContain(JSON.stringify(SIGNATURE_ERROR));

    const chunk = 'x'.repeat(64 * 1024);
    const streamed = await rawExchange(api.port, (send) => {
      send(
        `POST ${WEBHOOK_PATH} HTTP/1.1\r\nhost: x\r\ncontent-type: application/json\r\n` +
          `x-signature: ${'a'.repeat(40)}\r\ntransfer-encoding: chunked\r\n\r\n`,
      );
      // Never ends: the server must answer and hang up on its own.
      for (let i = 0; i < 20; i++) send(`${chunk.length.toString(16)}\r\n${chunk}\r\n`);
    });
    expect(streamed).toMatch(/^HTTP\/1\.1 200 OK\r\n/);
    expect(streamed).toContain(JSON.stringify(SIGNATURE_ERROR));

    const seen = await stack!.api.caller({ admin: true }).admin.webhooks.rejections();
    expect(seen.byReason.body_too_large).toBe(2);
    expect(await storedNotifications()).toBe(before);
  });

  it('records an unsigned post under the client address that TRUST_PROXY allows it to believe', async () => {
    const forwarded = { ...FORGED, 'x-forwarded-for': '203.0.113.9' };
    const sampledIp = async (api: Awaited<ReturnType<typeof start>>) => {
      await fetch(`${api.url}${WEBHOOK_PATH}`, { method: 'POST', headers: forwarded, body: '{}' });
      return (await api.caller({ admin: true }).admin.webhooks.rejections()).recent[0]?.ip;
    };
    expect(await sampledIp(await start())).toMatch(/^(::ffff:)?127\.0\.0\.1$/);
    await stack?.close();
    expect(await sampledIp(await start({ trustProxy: 'loopback' }))).toBe('203.0.113.9');
  });

  it('serves a delivery that arrives while the API drains, then closes its connection', async () => {
    const api = await start();
    let closing: Promise<void> | undefined;
    const answer = await rawExchange(api.port, (send) => {
      send(
        `POST ${WEBHOOK_PATH} HTTP/1.1\r\nhost: x\r\nconnection: keep-alive\r\ncontent-type: application/json\r\n` +
          `x-signature: ${'a'.repeat(40)}\r\ncontent-length: 2\r\n\r\n{`,
      );
      // The request is in flight (half its body sent) when the drain begins.
      setTimeout(() => {
        closing = stack!.close();
        setTimeout(() => send('}'), 100);
      }, 100);
    });
    expect(answer).toMatch(/^HTTP\/1\.1 200 OK\r\n/);
    expect(answer.toLowerCase()).toContain('connection: close');
    expect(answer).toContain(JSON.stringify(SIGNATURE_ERROR));
    await closing;
    stack = undefined;
  });
});
