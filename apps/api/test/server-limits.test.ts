import { connect, type Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import type { StartApiOptions } from '../src/server.js';
import { startTestApi, type TestApi } from '../testing/index.js';
import { useTestDatabase } from './support/databases.js';

/** A raw connection: what the server sends, and whether it closed the socket. */
function rawConnection(port: number) {
  const socket: Socket = connect(port, '127.0.0.1');
  let received = '';
  socket.on('data', (chunk) => {
    received += chunk.toString();
  });
  socket.on('error', () => {});
  const closed = new Promise<void>((resolve) => socket.once('close', () => resolve()));
  const opened = new Promise<void>((resolve) => socket.once('connect', () => resolve()));
  return { socket, closed, opened, received: () => received };
}

// Server-level limits only: no driver-specific behaviour is involved, so PGlite alone.
describe('server limits', () => {
  // One PGlite for the file, opened in a hook: a fresh one per test would spend the test's time starting it.
  const t = useTestDatabase('pglite');
  let api: TestApi | undefined;
  afterEach(async () => {
    await api?.close();
    api = undefined;
  });

  const start = async (serverLimits: StartApiOptions['serverLimits']) => {
    api = await startTestApi({ database: t.database, sandbox: false, serverLimits });
    return api.api;
  };

  it('answers 408 and closes a connection whose headers never finish', async () => {
    const { port } = await start({ headersTimeoutMs: 300, requestTimeoutMs: 300 });
    const slow = rawConnection(port);
    await slow.opened;
    slow.socket.write('GET /healthz HTTP/1.1\r\nHost: x\r\n');
    await slow.closed;
    expect(slow.received()).toMatch(/^HTTP\/1\.1 408/);
  });

  it('drops connections beyond MAX_CONNECTIONS', async () => {
    const { port } = await start({ maxConnections: 1 });
    const first = rawConnection(port);
    await first.opened;
    first.socket.write('GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n');
    await expect.poll(() => first.received()).toMatch(/^HTTP\/1\.1 200/);
    const second = rawConnection(port);
    second.socket.write('GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n');
    await second.closed;
    expect(second.received()).toBe('');
    first.socket.destroy();
  });
});
