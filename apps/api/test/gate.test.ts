import { type RunningSandbox, type SandboxControl, sandboxControl, startSandbox } from '@checkout/sandbox';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Database } from '../src/db/client.js';
import { migrateDatabase } from '../src/db/migrate.js';
import { notifications, orderEvents } from '../src/db/schema.js';
import { seedCatalog } from '../src/db/seed-catalog.js';
import { loadEnv } from '../src/env.js';
import {
  openTestDatabase,
  resetTables,
  startTestApi,
  type TestApi,
  type TestApiOptions,
} from '../testing/index.js';
import { DRIVERS } from './support/databases.js';
import { checkoutInput, REAL_SHOP_ENV, waitForStatus } from './support/fixtures.js';

/** Port 9 (discard): nothing answers there, as for a shop on a laptop with no public URL. */
const NOWHERE = 'http://127.0.0.1:9';

describe('gate settings', () => {
  const shop = REAL_SHOP_ENV;

  it('defaults to the webhook, with the gate beside the sandbox or at Invoicebox', () => {
    expect(loadEnv({})).toMatchObject({
      INVOICEBOX_NOTIFY_VIA: 'webhook',
      INVOICEBOX_GATE_URL: 'ws://localhost:4010/v3/gate/rpc',
    });
    expect(
      loadEnv({ ...shop, INVOICEBOX_API_URL: 'https://api.invoicebox.ru', INVOICEBOX_NOTIFY_VIA: 'gate' }),
    ).toMatchObject({
      INVOICEBOX_NOTIFY_VIA: 'gate',
      INVOICEBOX_GATE_URL: 'wss://ws-gate.invoicebox.ru/v3/gate/rpc',
    });
  });

  it('names a bad mode or URL, and refuses a plain ws:// gate outside a local setup', () => {
    expect(() => loadEnv({ INVOICEBOX_NOTIFY_VIA: 'carrier-pigeon' })).toThrow(/INVOICEBOX_NOTIFY_VIA/);
    expect(() => loadEnv({ INVOICEBOX_GATE_URL: 'http://localhost:4010/v3/gate/rpc' })).toThrow(
      /INVOICEBOX_GATE_URL: must be a ws\(s\) URL/,
    );
    const remote = { ...shop, INVOICEBOX_API_URL: 'https://api.invoicebox.ru' };
    const plain = { ...remote, INVOICEBOX_GATE_URL: 'ws://gate.example/v3/gate/rpc' };
    expect(() => loadEnv({ ...plain, INVOICEBOX_NOTIFY_VIA: 'both' })).toThrow(
      /INVOICEBOX_GATE_URL: must be wss/,
    );
    expect(loadEnv(plain).INVOICEBOX_NOTIFY_VIA).toBe('webhook'); // unused, so not refused
  });
});

for (const driver of DRIVERS) {
  describe.skipIf(driver.skip)(`notifications over the WebSocket gate on ${driver.name}`, () => {
    let database: Database;
    let dispose: () => Promise<void>;
    let sandbox: RunningSandbox;
    let control: SandboxControl;
    let api: TestApi | undefined;

    beforeAll(async () => {
      const db = await openTestDatabase(driver.name);
      database = db.database;
      dispose = db.dispose;
      await migrateDatabase(database);
      await seedCatalog(database.db);
      sandbox = await startSandbox({
        port: 0,
        log: false,
        rateLimit: false,
        retryTimeScale: 0.0001,
        notificationTimeoutMs: 2_000,
      });
      control = sandboxControl(sandbox.url);
    });
    beforeEach(async () => {
      await api?.close();
      api = undefined;
      await resetTables(database);
      await control.reset();
    });
    afterAll(async () => {
      await api?.close();
      await sandbox.close();
      await dispose();
    });

    async function start(opts: TestApiOptions) {
      const started = await startTestApi({
        database,
        sandbox: false,
        invoiceboxApiUrl: sandbox.url,
        migrate: false,
        ...opts,
      });
      api = started;
      return started.api;
    }
    const gateUrl = () => `${sandbox.url.replace('http', 'ws')}/v3/gate/rpc`;
    const checkout = async () => api!.http().orders.create.mutate(checkoutInput());
    const paidEvents = async (orderId: string) =>
      (await database.db.select().from(orderEvents).where(eq(orderEvents.orderId, orderId))).filter(
        (e) => e.toStatus === 'paid',
      );
    const deliveriesOf = async (orderId: string) => {
      const { order } = await control.order(orderId);
      const all = (await control.deliveries(order.id)).filter((d) => d.event === 'payment');
      return {
        http: all.filter((d) => d.url.startsWith('http')),
        gate: all.filter((d) => d.url.startsWith('ws')),
      };
    };

    it('gate mode: pays the order with the webhook unreachable, exactly once', async () => {
      const running = await start({ publicApiUrl: NOWHERE, gate: { url: gateUrl() } });
      const { orderId } = await checkout();
      await control.pay(orderId);
      await waitForStatus(running, orderId, 'paid');

      const { http, gate } = await deliveriesOf(orderId);
      expect(http[0]?.url).toBe(`${NOWHERE}/webhooks/invoicebox`);
      expect(http.every((d) => d.outcome !== 'delivered')).toBe(true);
      expect(gate.map((d) => d.outcome)).toEqual(['delivered']);
      expect(JSON.parse(gate[0]?.responseBody ?? '{}')).toMatchObject({ result: { status: 'success' } });
      expect(await paidEvents(orderId)).toMatchObject([{ source: 'notification' }]);
    });

    it('both: the same event over the webhook and the gate is applied once, both answered success', async () => {
      const running = await start({ gate: { url: gateUrl() } });
      const { orderId } = await checkout();
      const { order } = await control.order(orderId);
      await control.pay(orderId);
      await waitForStatus(running, orderId, 'paid');
      const { http, gate } = await vi.waitFor(
        async () => {
          const both = await deliveriesOf(orderId);
          expect(both.http.map((d) => d.outcome)).toEqual(['delivered']);
          expect(both.gate.map((d) => d.outcome)).toEqual(['delivered']);
          return both;
        },
        { timeout: 10_000, interval: 50 },
      );
      expect(JSON.parse(http[0]?.responseBody ?? '{}')).toEqual({ status: 'success' });
      expect(JSON.parse(gate[0]?.responseBody ?? '{}')).toMatchObject({ result: { status: 'success' } });
      expect(await paidEvents(orderId)).toHaveLength(1);
      // One record: the gate's body hashes like the signed HTTP body, so the second copy was a known duplicate.
      const rows = await database.db
        .select()
        .from(notifications)
        .where(eq(notifications.invoiceboxId, order.id));
      expect(rows.map((r) => [r.status, r.deliveries])).toEqual([['completed', 2]]);
    });

    it('a dropped gate connection comes back after a back-off, and the event paid meanwhile arrives', async () => {
      const running = await start({
        publicApiUrl: NOWHERE,
        gate: { url: gateUrl(), backoff: { baseDelayMs: 1_000, maxDelayMs: 1_000 } },
      });
      const gate = running.gate;
      if (!gate) throw new Error('gate not started');
      const { orderId } = await checkout();
      const retry = new Promise<number | null>((resolve) =>
        gate.on('disconnected', (e) => resolve(e.retryInMs)),
      );
      expect(await control.dropGateConnections()).toEqual({ dropped: 1 });
      expect(await retry).toBeGreaterThanOrEqual(500);

      await control.pay(orderId); // nobody is connected: the sandbox keeps it
      expect((await running.caller().orders.byId({ id: orderId })).status).toBe('awaiting_payment');
      await waitForStatus(running, orderId, 'paid');
      expect(gate.connections).toBe(2);
      expect(await paidEvents(orderId)).toHaveLength(1);
    });
  });
}
