import { randomUUID } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInvoiceboxClient, DEMO_SHOP } from '@checkout/invoicebox';
import { startSandbox } from '@checkout/sandbox';
import { loopback, percentile, runLoad, sleep } from '@checkout/testkit';
import postgres from 'postgres';
import { startReplica } from '../api-replica.js';
import { checkoutInput, trpcMutate } from '../trpc-http.js';
import { BENCH_BASKET, createOrderRequest } from './create-order-request.js';

export type RateResult = {
  concurrency: number;
  apiPerSecond: number;
  baselinePerSecond: number;
  apiP50: number;
  apiP99: number;
  baselineP50: number;
  baselineP99: number;
  /** The API process's resident set size, MB: settled after start, then sampled every 100 ms under the load. */
  rssMb: { idle: number; loadMedian: number; loadPeak: number };
};

const POOL_SIZE = 10;
const mb = (bytes: number) => bytes / 1024 / 1024;

/**
 * Orders created per second with `concurrency` shoppers at once: orders.create through tRPC over HTTP (catalog,
 * basket, insert, Invoicebox call, update) against the sandbox, next to the sandbox call plus one INSERT.
 * Complements apps/api/bench's sequential p50/p99 with the rate under load.
 * The API runs as its own process (as deployed, api-replica.ts), so its RSS is the API's alone; the sandbox and
 * the shoppers stay in this process for both runs, and the floor uses the same pool size and the same fetch
 * (undici, keep-alive) for the sandbox call as the API does.
 */
export async function measureOrderRate(opts: {
  databaseUrl: string;
  concurrency?: number;
  durationMs?: number;
}): Promise<RateResult> {
  const concurrency = opts.concurrency ?? 8;
  const durationMs = opts.durationMs ?? 3_000;
  const sandbox = await startSandbox({ port: 0, host: '127.0.0.1', rateLimit: false, log: false });
  const api = await startReplica(
    'order-rate',
    {
      DATABASE_URL: opts.databaseUrl,
      INVOICEBOX_API_URL: loopback(sandbox.url),
      ADMIN_TOKEN: 'bench-admin-token',
      STOREFRONT_URL: 'http://localhost:5173',
      POOL_SIZE: String(POOL_SIZE),
      LOG_LEVEL: 'silent',
    },
    join(tmpdir(), 'checkout-bench-order-rate.log'),
  ).catch(async (error: unknown) => {
    await sandbox.close();
    throw error;
  });
  const sql = postgres(opts.databaseUrl, { max: POOL_SIZE, onnotice: () => {} });
  const invoicebox = createInvoiceboxClient({ baseUrl: loopback(sandbox.url), token: DEMO_SHOP.token });
  try {
    const viaApi = async () => {
      const answer = await trpcMutate(loopback(api.url), 'orders.create', checkoutInput(randomUUID()));
      if (answer.status !== 200)
        throw new Error(`orders.create: HTTP ${answer.status} ${answer.raw.slice(0, 200)}`);
    };
    const direct = async () => {
      const id = randomUUID();
      const { data } = await invoicebox.createOrder(createOrderRequest(id));
      await sql`INSERT INTO orders (id, status, customer_type, customer_name, customer_email, customer_phone, amount,
                  vat_amount, idempotency_key, invoicebox_order_id, payment_url)
                VALUES (${id}, 'awaiting_payment', 'private', 'Иван Петров', 'ivan@example.ru', '79001234567',
                  ${BENCH_BASKET.amount}, ${BENCH_BASKET.vatAmount}, ${randomUUID()}, ${data.id},
                  ${(data as { paymentUrl?: string }).paymentUrl ?? null})`;
    };
    // Idle: started, migrated, nothing served yet; a second so start-up garbage settles.
    await sleep(1_000);
    const idle = api.rss();
    await runLoad(concurrency, 40, 20_000, viaApi);
    const samples: number[] = [];
    const sampler = setInterval(() => samples.push(api.rss()), 100);
    const a = await runLoad(concurrency, 100_000, durationMs, viaApi).finally(() => clearInterval(sampler));
    samples.sort((x, y) => x - y);
    await runLoad(concurrency, 40, 20_000, direct);
    const b = await runLoad(concurrency, 100_000, durationMs, direct);
    return {
      concurrency,
      apiPerSecond: a.done / a.seconds,
      baselinePerSecond: b.done / b.seconds,
      apiP50: percentile(a.latencies, 50),
      apiP99: percentile(a.latencies, 99),
      baselineP50: percentile(b.latencies, 50),
      baselineP99: percentile(b.latencies, 99),
      rssMb: {
        idle: mb(idle),
        loadMedian: mb(percentile(samples, 50)),
        loadPeak: mb(samples.at(-1) ?? 0),
      },
    };
  } finally {
    await sql.end({ timeout: 5 });
    await api.stop();
    await sandbox.close();
  }
}
