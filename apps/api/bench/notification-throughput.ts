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
import { sendFromWorker } from './sender-worker.js';

export type ThroughputResult = {
  apiPerSecond: number;
  baselinePerSecond: number;
  ratio: number;
  concurrency: number;
};

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
 * senders, next to that same statement (record + guarded update + event in one CTE) sent straight through
 * postgres.js with the same pool size, in the same run.
 */
export async function measureNotificationThroughput(opts: {
  adminDatabaseUrl: string;
  concurrency?: number;
  durationMs?: number;
  poolSize?: number;
}): Promise<ThroughputResult> {
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
  try {
    const expected = Math.ceil((durationMs / 1000) * 4000);
    const apiOrders = await seedOrders(sql, Math.min(limit, expected));
    const bodies = apiOrders.map((o) => notificationFor(o.id, o.invoicebox_order_id));
    // The senders run in a worker thread: they stand for Invoicebox, not for the server being measured.
    const viaApi = await sendFromWorker(`${api.url}/webhooks/invoicebox`, bodies, concurrency, durationMs);

    const baseOrders = await seedOrders(sql, bodies.length);
    // The floor is the very statement the route runs (payFromNotificationStatement), prepared, straight through
    // postgres.js: what is left between the two is HTTP, the signature and our own code.
    const direct = async (i: number) => {
      const order = baseOrders[i]!;
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
    const baseline = await runLoad(concurrency, baseOrders.length - 50, durationMs, (i) => direct(i + 50));

    const apiPerSecond = viaApi.done / viaApi.seconds;
    const baselinePerSecond = baseline.done / baseline.seconds;
    return { apiPerSecond, baselinePerSecond, ratio: apiPerSecond / baselinePerSecond, concurrency };
  } finally {
    await sql.end({ timeout: 5 });
    await api.close();
    await scratch.drop();
  }
}
