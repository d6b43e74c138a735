import { createHash, randomUUID } from 'node:crypto';
import { DEMO_SHOP } from '@checkout/invoicebox';
import { signedTestNotification, testNotification } from '@checkout/invoicebox/testing';
import { runLoad, scratchDatabase } from '@checkout/testkit';
import { PgDialect } from 'drizzle-orm/pg-core';
import postgres from 'postgres';
import { UNLIMITED } from '../src/limits/config.js';
import { createLogger } from '../src/logger.js';
import { payFromNotificationStatement } from '../src/orders/transitions.js';
import { startApi } from '../src/server.js';
import { startNotificationFloor } from './floors/notification-floor.js';
import { sendFromWorker } from './sender-worker.js';

export type ThroughputResult = {
  apiPerSecond: number;
  /** The same job done bare: node:http, the HMAC, JSON.parse and the same statement (floors/notification-floor.ts). */
  sameJobPerSecond: number;
  /** The route's statement alone, straight through postgres.js: no HTTP, no signature. */
  baselinePerSecond: number;
  /** Route / statement alone: the median of the rounds' own ratios. */
  ratio: number;
  /** Route / the same job done bare: the median of the rounds' own ratios. */
  sameJobRatio: number;
  concurrency: number;
  /** Each figure is the median of this many windows, the three measured in turn (see below). */
  rounds: number;
};

type SeededOrder = { id: string; invoicebox_order_id: string };
const WEBHOOK = '/webhooks/invoicebox';
const perSecond = (r: { done: number; seconds: number }) => r.done / r.seconds;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

const AMOUNT = 1_234_56; // kopecks
const dialect = new PgDialect();

/** A paid notification for one seeded order, signed as Invoicebox signs it. */
function notificationFor(orderId: string, invoiceboxId: string): { body: string; signature: string } {
  const { body, headers } = signedTestNotification(
    testNotification({
      id: invoiceboxId,
      merchantId: DEMO_SHOP.merchantId,
      merchantOrderId: orderId,
      amount: AMOUNT / 100,
      paidAt: null,
    }),
    { key: DEMO_SHOP.notificationKey },
  );
  return { body, signature: headers['X-Signature'] };
}

async function seedOrders(sql: postgres.Sql, count: number) {
  const rows = Array.from({ length: count }, () => ({
    id: randomUUID(),
    invoicebox_order_id: randomUUID(),
    status: 'awaiting_payment',
    customer_type: 'private',
    customer_name: 'Иван',
    customer_email: 'ivan@example.ru',
    customer_phone: '79001234567',
    amount: AMOUNT,
    vat_amount: 0,
    idempotency_key: randomUUID(),
  }));
  for (let i = 0; i < rows.length; i += 1000) await sql`INSERT INTO orders ${sql(rows.slice(i, i + 1000))}`;
  // Fresh planner statistics, as a long-running database would have.
  await sql`ANALYZE orders`;
  return rows;
}

/**
 * Notifications applied per second through the real route (HTTP, signature, one statement) at `concurrency`
 * senders, next to two floors in the same run and with the same pool size: the same job done bare (node:http,
 * HMAC, the same statement; fed by the same senders) and that statement alone (record + guarded update + event
 * in one CTE) sent straight through postgres.js.
 */
export async function measureNotificationThroughput(opts: {
  adminDatabaseUrl: string;
  concurrency?: number;
  durationMs?: number;
  poolSize?: number;
  rounds?: number;
}): Promise<ThroughputResult> {
  const rounds = opts.rounds ?? 3;
  const concurrency = opts.concurrency ?? 16;
  const durationMs = opts.durationMs ?? 3_000;
  const poolSize = opts.poolSize ?? 10;
  const limit = 20_000;
  const scratch = await scratchDatabase(opts.adminDatabaseUrl);
  const api = await startApi({
    port: 0,
    databaseUrl: scratch.url,
    poolSize,
    invoiceboxApiUrl: 'http://127.0.0.1:9',
    storefrontUrl: 'http://localhost:5173',
    adminToken: 'bench-admin-token',
    reconcileIntervalMs: false,
    limits: UNLIMITED,
    logger: createLogger('silent'),
  });
  const sql = postgres(scratch.url, { max: poolSize, onnotice: () => {} });
  const floor = await startNotificationFloor(sql, DEMO_SHOP.notificationKey);
  try {
    const count = Math.min(limit, Math.ceil((durationMs / 1000) * 4000));
    const signedFor = (orders: SeededOrder[]) =>
      orders.map((o) => notificationFor(o.id, o.invoicebox_order_id));
    // The senders run in a worker thread: they stand for Invoicebox, not for the server being measured.
    const send = async (url: string) =>
      perSecond(await sendFromWorker(url, signedFor(await seedOrders(sql, count)), concurrency, durationMs));
    // The very statement the route runs (payFromNotificationStatement), prepared, straight through postgres.js:
    // what is left between the two is HTTP, the signature and our own code.
    const statement = async () => {
      const orders = await seedOrders(sql, count);
      const direct = async (i: number) => {
        const order = orders[i]!;
        const { body } = notificationFor(order.id, order.invoicebox_order_id);
        const query = dialect.sqlToQuery(
          payFromNotificationStatement({
            notificationId: randomUUID(),
            invoiceboxId: order.invoicebox_order_id,
            merchantOrderId: order.id,
            status: 'completed',
            subtype: 'order',
            bodySha256: createHash('sha256').update(body).digest('hex'),
            rawBody: body,
            amount: AMOUNT,
            currency: 'RUB',
            paidAt: null,
            reason: `notification ${order.invoicebox_order_id}: completed`,
          }),
        );
        const rows = await sql.unsafe(query.sql, query.params as never[], { prepare: true });
        if (rows.length !== 1) throw new Error(`order ${order.id} was not paid by the floor statement`);
      };
      await runLoad(concurrency, 50, 10_000, direct);
      return perSecond(await runLoad(concurrency, orders.length - 50, durationMs, (i) => direct(i + 50)));
    };
    // In turn, and medians: on a shared 2-core machine one window swings by a fifth either way. Each round starts
    // with the next of the three, so none always runs first, right after the previous round's seeding; a ratio is
    // the median of the rounds' own ratios, each from windows a few seconds apart.
    const measures = [
      ['route', () => send(`${api.url}${WEBHOOK}`)],
      ['sameJob', () => send(`${floor.url}${WEBHOOK}`)],
      ['statement', statement],
    ] as const;
    const runs = { route: [] as number[], sameJob: [] as number[], statement: [] as number[] };
    for (let round = 0; round < rounds; round++) {
      for (let i = 0; i < measures.length; i++) {
        const [name, measure] = measures[(round + i) % measures.length]!;
        runs[name].push(await measure());
      }
    }
    const paired = (floorRuns: number[]) => median(runs.route.map((route, i) => route / floorRuns[i]!));
    return {
      apiPerSecond: median(runs.route),
      sameJobPerSecond: median(runs.sameJob),
      baselinePerSecond: median(runs.statement),
      ratio: paired(runs.statement),
      sameJobRatio: paired(runs.sameJob),
      concurrency,
      rounds,
    };
  } finally {
    await floor.close();
    await sql.end({ timeout: 5 });
    await api.close();
    await scratch.drop();
  }
}
