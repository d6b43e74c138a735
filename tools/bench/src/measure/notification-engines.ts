import { randomUUID } from 'node:crypto';
import { type RunningApi, startApi, UNLIMITED } from '@checkout/api';
import { loopback, runLoad } from '@checkout/testkit';
import { deliver, paymentNotification } from '../notification-body.js';

export type EngineResult = { engine: 'pglite' | 'postgres'; perSecond: number; applied: number };

const AMOUNT = 123_456;

async function seed(api: RunningApi, count: number) {
  const rows = Array.from({ length: count }, () => ({ id: randomUUID(), invoiceboxId: randomUUID() }));
  for (let i = 0; i < rows.length; i += 500) {
    const values = rows
      .slice(i, i + 500)
      .map(
        (r) =>
          `('${r.id}', '${r.invoiceboxId}', 'awaiting_payment', 'private', 'Иван', 'ivan@example.ru', '79001234567', ${AMOUNT}, 0, '${randomUUID()}')`,
      )
      .join(',');
    await api.deps.db.execute(
      `INSERT INTO orders (id, invoicebox_order_id, status, customer_type, customer_name, customer_email,
         customer_phone, amount, vat_amount, idempotency_key) VALUES ${values}`,
    );
  }
  return rows;
}

/**
 * The notification route (HTTP, signature, one transaction) on one engine, with `concurrency` senders in the
 * same process as the API: the embedded PGlite has no other place to run, so PostgreSQL gets the same setup.
 */
export async function measureNotificationEngine(opts: {
  engine: 'pglite' | 'postgres';
  databaseUrl?: string;
  concurrency?: number;
  durationMs?: number;
}): Promise<EngineResult> {
  const concurrency = opts.concurrency ?? 16;
  const durationMs = opts.durationMs ?? 3_000;
  const api = await startApi({
    port: 0,
    ...(opts.engine === 'postgres' && opts.databaseUrl ? { databaseUrl: opts.databaseUrl } : {}),
    invoiceboxApiUrl: 'http://127.0.0.1:9',
    storefrontUrl: 'http://localhost:5173',
    adminToken: 'bench-admin-token',
    reconcileIntervalMs: false,
    logLevel: 'silent',
    limits: UNLIMITED,
  });
  try {
    const orders = await seed(api, 8_000);
    const bodies = orders.map((o) =>
      paymentNotification({ merchantOrderId: o.id, invoiceboxId: o.invoiceboxId, amountKopecks: AMOUNT }),
    );
    const send = async (i: number) => {
      const { body, signature } = bodies[i]!;
      const { answer } = await deliver(loopback(api.url), body, signature);
      if (typeof answer === 'string' || answer.status !== 'success') {
        throw new Error(`unexpected answer ${JSON.stringify(answer)}`);
      }
    };
    await runLoad(concurrency, 100, 10_000, send); // warm-up
    const run = await runLoad(concurrency, bodies.length - 100, durationMs, (i) => send(i + 100));
    return { engine: opts.engine, perSecond: run.done / run.seconds, applied: run.done };
  } finally {
    await api.close();
  }
}
