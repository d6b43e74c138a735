import { randomUUID } from 'node:crypto';
import { DEMO_SHOP, serializeInvoiceboxJson, signNotification } from '@checkout/invoicebox';
import postgres from 'postgres';
import { UNLIMITED } from '../src/limits/config.js';
import { createLogger } from '../src/logger.js';
import { startApi } from '../src/server.js';
import { runLoad, scratchDatabase } from './scratch-db.js';
import { sendFromWorker } from './sender-worker.js';

export type ThroughputResult = {
  apiPerSecond: number;
  baselinePerSecond: number;
  ratio: number;
  concurrency: number;
};

const AMOUNT = 1_234_56; // kopecks

function notificationFor(orderId: string, invoiceboxId: string): { body: string; signature: string } {
  const body = serializeInvoiceboxJson({
    id: invoiceboxId,
    description: `Заказ ${orderId}`,
    currencyId: 'RUB',
    amount: AMOUNT / 100,
    vatAmount: 0,
    basketItems: [
      {
        sku: 'BENCH-1',
        name: 'Товар',
        measure: 'шт',
        measureCode: '796',
        quantity: 1,
        amount: AMOUNT / 100,
        amountWoVat: AMOUNT / 100,
        totalAmount: AMOUNT / 100,
        totalVatAmount: 0,
        vatCode: 'VATNONE',
        type: 'commodity',
        paymentType: 'full_prepayment',
      },
    ],
    orderContainerId: randomUUID(),
    merchantId: DEMO_SHOP.merchantId,
    status: 'completed',
    subtype: 'order',
    createdAt: '2026-11-29T07:00:00+00:00',
    merchantOrderId: orderId,
    expirationDate: '2026-11-30T07:00:00+00:00',
    paymentUrl: `http://localhost:4010/order/${invoiceboxId}`,
    customer: { type: 'private', name: 'Иван', phone: '79001234567', email: 'ivan@example.ru' },
    languageId: 'ru',
    processable: true,
  });
  return { body, signature: signNotification(body, DEMO_SHOP.notificationKey) };
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
 * Notifications applied per second through the real route (HTTP, signature, one transaction) at `concurrency`
 * senders, next to the bare SQL transaction (insert notification + guarded update + event) sent straight
 * through postgres.js with the same pool size, in the same run.
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
    const direct = async (i: number) => {
      const order = baseOrders[i]!;
      const { body } = notificationFor(order.id, order.invoicebox_order_id);
      await sql.begin(async (tx) => {
        await tx`INSERT INTO notifications (id, order_id, invoicebox_id, merchant_order_id, status, subtype, body_sha256,
                   raw_body, signature_valid, answer, outcome)
                 VALUES (${randomUUID()}, ${order.id}, ${order.invoicebox_order_id}, ${order.id}, 'completed', 'order',
                   encode(sha256(convert_to(${body}, 'UTF8')), 'hex'), ${body}, true, '{"status":"success"}', 'applied')
                 ON CONFLICT DO NOTHING`;
        await tx`UPDATE orders SET status = 'paid', paid_at = now(), updated_at = now()
                 WHERE id = ${order.id} AND status = 'awaiting_payment'`;
        await tx`INSERT INTO order_events (order_id, from_status, to_status, source, reason)
                 VALUES (${order.id}, 'awaiting_payment', 'paid', 'notification', 'bench')`;
      });
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
