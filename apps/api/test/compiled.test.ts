import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { RunningSandbox } from '@checkout/sandbox';
import { scratchDatabase } from '@checkout/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DriverName } from '../testing/index.js';
import { type ChildApi, ensureBuilt, newConnectionAccepted, runCompiled } from './support/child-api.js';
import { DRIVERS, TEST_DATABASE_URL } from './support/databases.js';
import { checkoutInput } from './support/fixtures.js';

const SHOP = {
  INVOICEBOX_TOKEN: 'a-real-shop-token-0123456789',
  INVOICEBOX_MERCHANT_ID: '2f4b8a6e-3c1d-4e5f-9a7b-0c1d2e3f4a5b',
  INVOICEBOX_NOTIFICATION_KEY: 'a-real-notification-key-01234',
  ADMIN_TOKEN: 'staff-token-of-at-least-32-characters',
};

/** Invoicebox (the sandbox) behind a door the test opens: calls wait there until open() is called. */
async function gatedInvoicebox(target: string) {
  let open!: () => void;
  const door = new Promise<void>((resolve) => {
    open = resolve;
  });
  let arrived!: () => void;
  const reached = new Promise<void>((resolve) => {
    arrived = resolve;
  });
  const server: Server = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    arrived();
    await door;
    const headers = new Headers();
    for (const [name, value] of Object.entries(req.headers)) {
      if (typeof value === 'string' && !['host', 'connection', 'content-length'].includes(name))
        headers.set(name, value);
    }
    const upstream = await fetch(`${target}${req.url}`, {
      method: req.method ?? 'GET',
      headers,
      ...(chunks.length > 0 ? { body: Buffer.concat(chunks) } : {}),
    });
    res.writeHead(upstream.status, { 'content-type': upstream.headers.get('content-type') ?? '' });
    res.end(Buffer.from(await upstream.arrayBuffer()));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    reached,
    open,
    close: () => new Promise((resolve) => server.close(resolve)),
  };
}

/** A database for one child process: a PGlite folder or a scratch PostgreSQL database. */
async function childDatabase(
  driver: DriverName,
  persistent = false,
): Promise<{ env: Record<string, string>; drop(): Promise<void> }> {
  if (driver === 'pglite' && !persistent)
    return { env: { PGLITE_DATA_DIR: 'memory://' }, drop: async () => {} };
  if (driver === 'pglite') {
    const dir = mkdtempSync(join(tmpdir(), 'api-compiled-'));
    return { env: { PGLITE_DATA_DIR: dir }, drop: async () => rmSync(dir, { recursive: true, force: true }) };
  }
  const scratch = await scratchDatabase(TEST_DATABASE_URL!, 'api_test');
  return { env: { DATABASE_URL: scratch.url }, drop: scratch.drop };
}

// A PGlite child compiles its WebAssembly at every start: seconds on a quiet machine, minutes on a loaded one.
const SLOW = 300_000;

const post = (url: string, body: string, contentType = 'application/json') =>
  fetch(url, { method: 'POST', headers: { 'content-type': contentType }, body });
const createOrder = (url: string) => post(`${url}/trpc/orders.create`, JSON.stringify(checkoutInput()));

let sandbox: RunningSandbox;
const children: ChildApi[] = [];
const run = (script: string, env: Record<string, string>) => {
  const child = runCompiled(script, env);
  children.push(child);
  return child;
};

/** `node dist/main.js` on a database of the driver, its Invoicebox behind a door the test opens. */
async function gatedMain(driver: DriverName, env: Record<string, string> = {}) {
  const db = await childDatabase(driver);
  const invoicebox = await gatedInvoicebox(sandbox.url);
  const child = run('main.js', {
    ...db.env,
    INVOICEBOX_API_URL: invoicebox.url,
    RECONCILE_INTERVAL_MS: '0',
    ...env,
  });
  return {
    child,
    invoicebox,
    async close() {
      invoicebox.open();
      await invoicebox.close();
      await db.drop();
    },
  };
}

beforeAll(async () => {
  ensureBuilt();
  const { startSandbox } = await import('@checkout/sandbox');
  sandbox = await startSandbox({ port: 0, rateLimit: false, log: false });
}, 240_000);

afterAll(async () => {
  for (const child of children) if (child.process.exitCode === null) child.process.kill('SIGKILL');
  await sandbox?.close();
});

describe('node dist/main.js', () => {
  it(
    'with NODE_ENV=production and nothing else, exits 1 naming every missing secret',
    async () => {
      const child = run('main.js', { NODE_ENV: 'production' });
      expect(await child.exited).toBe(1);
      for (const name of [
        'INVOICEBOX_TOKEN',
        'INVOICEBOX_MERCHANT_ID',
        'INVOICEBOX_NOTIFICATION_KEY',
        'ADMIN_TOKEN',
      ])
        expect(child.output()).toContain(`${name}: must be set`);
    },
    SLOW,
  );

  it(
    'exits 1 with a log line when the drain outlives SHUTDOWN_TIMEOUT_MS',
    async () => {
      const { child, invoicebox, close } = await gatedMain('pglite', { SHUTDOWN_TIMEOUT_MS: '300' });
      try {
        const url = await child.ready;
        const inFlight = createOrder(url).catch(() => null);
        await invoicebox.reached;
        child.process.kill('SIGTERM');
        expect(await child.exited).toBe(1);
        expect(child.output()).toContain('shutdown timed out');
        await inFlight;
      } finally {
        await close();
      }
    },
    SLOW,
  );
});

for (const driver of DRIVERS) {
  describe.skipIf(driver.skip)(`node dist/main.js on ${driver.name}`, () => {
    it(
      'in the local demo: migrates itself, answers without stacks or paths, serves /metrics, drains on SIGTERM',
      async () => {
        // No NODE_ENV at all: the answers must not depend on it.
        const { child, invoicebox, close } = await gatedMain(driver.name);
        try {
          const url = await child.ready;
          expect(await (await fetch(`${url}/healthz`)).json()).toEqual({ status: 'ok' });

          const answers = await Promise.all([
            post(`${url}/trpc/orders.create`, '{"lines": ['),
            post(`${url}/trpc/orders.create`, '{"lines": 5}'),
            fetch(`${url}/trpc/orders.byId?input=%7Bbad`),
            fetch(`${url}/trpc/admin.orders.list?input=%7B%7D`),
            fetch(`${url}/trpc/admin.orders.list?input=%7B%7D`, {
              headers: { authorization: 'Bearer wrong' },
            }),
            fetch(`${url}/nope`),
            post(`${url}/healthz`, '{'),
            post(`${url}/trpc/catalog.list`, 'x', 'text/x-nope'),
          ]);
          expect(answers.map((answer) => answer.status)).toEqual([400, 400, 400, 401, 401, 404, 400, 415]);
          for (const answer of answers) {
            const text = await answer.text();
            expect(text).not.toMatch(/stack|\/work\/|node_modules|\/apps\/|\.[jt]s:\d+/);
          }

          const metrics = await fetch(`${url}/metrics`);
          expect(metrics.status).toBe(200);
          expect(await metrics.text()).toContain('http_request_duration_seconds_count{route="/healthz"');

          // SIGTERM with an order creation in flight: it completes, new connections are refused, exit 0.
          const inFlight = createOrder(url);
          await invoicebox.reached;
          child.process.kill('SIGTERM');
          await expect.poll(() => newConnectionAccepted(url), { timeout: 5_000 }).toBe(false);
          invoicebox.open();
          const response = await inFlight;
          expect(response.status).toBe(200);
          expect(JSON.stringify(await response.json())).toContain('paymentUrl');
          expect(await child.exited, child.output()).toBe(0);
          expect(child.output()).toContain('shut down cleanly');
        } finally {
          await close();
        }
      },
      SLOW,
    );

    it(
      'in production: refuses an unmigrated database, runs after `migrate`, guards /metrics',
      async () => {
        const db = await childDatabase(driver.name, true);
        const env = {
          ...db.env,
          ...SHOP,
          NODE_ENV: 'production',
          INVOICEBOX_API_URL: sandbox.url,
          METRICS_TOKEN: 'metrics-token-0123456789',
          RECONCILE_INTERVAL_MS: '0',
        };
        try {
          const early = run('main.js', env);
          expect(await early.exited).toBe(1);
          expect(early.output()).toContain('run `pnpm migrate`');

          const migrate = run('migrate.js', db.env);
          expect(await migrate.exited).toBe(0);

          const child = run('main.js', env);
          const url = await child.ready;
          expect((await fetch(`${url}/trpc/catalog.list`)).status).toBe(200);
          expect((await fetch(`${url}/metrics`)).status).toBe(401);
          const metrics = await fetch(`${url}/metrics`, {
            headers: { authorization: 'Bearer metrics-token-0123456789' },
          });
          expect(metrics.status).toBe(200);
          child.process.kill('SIGTERM');
          expect(await child.exited).toBe(0);
        } finally {
          await db.drop();
        }
      },
      SLOW,
    );
  });
}
