import { randomUUID } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInvoiceboxClient, DEMO_SHOP } from '@checkout/invoicebox';
import { startSandbox } from '@checkout/sandbox';
import { loopback, percentile, runLoad, sleep } from '@checkout/testkit';
import postgres from 'postgres';
import { CHECKOUT_FLOOR_ENTRY, startReplica } from '../api-replica.js';
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
  /** The same job done bare, as its own process (apps/api/bench/floors/checkout-floor.ts), fed the same bytes. */
  sameJobPerSecond: number;
  sameJobP50: number;
  sameJobP99: number;
  /** Each rate is the median of this many windows, the three measured in turn. */
  rounds: number;
  /** The API process's resident set size, MB: settled after start, then sampled every 100 ms under the load. */
  rssMb: { idle: number; loadMedian: number; loadPeak: number };
};

const POOL_SIZE = 10;
type Load = Awaited<ReturnType<typeof runLoad>>;
/** The window with the median rate (its latencies come with it). */
const medianRun = (runs: Load[]) =>
  [...runs].sort((x, y) => x.done / x.seconds - y.done / y.seconds)[Math.floor(runs.length / 2)]!;
const mb = (bytes: number) => bytes / 1024 / 1024;

/**
 * Orders created per second with `concurrency` shoppers at once: orders.create through tRPC over HTTP (catalog,
 * basket, insert, Invoicebox call, update) against the sandbox, next to two floors: the same job done bare on
 * node:http in its own process (fed the same bytes), and the parts alone (the sandbox call plus one INSERT).
 * Complements apps/api/bench's sequential p50/p99 with the rate under load.
 * The API runs as its own process (as deployed, api-replica.ts), so its RSS is the API's alone; the sandbox and
 * the shoppers stay in this process for both runs, and the floor uses the same pool size and the same fetch
 * (undici, keep-alive) for the sandbox call as the API does.
 */
export async function measureOrderRate(opts: {
  databaseUrl: string;
  concurrency?: number;
  durationMs?: number;
  rounds?: number;
}): Promise<RateResult> {
  const rounds = opts.rounds ?? 3;
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
  const floor = await startReplica(
    'checkout-floor',
    {
      DATABASE_URL: opts.databaseUrl,
      INVOICEBOX_API_URL: loopback(sandbox.url),
      ADMIN_TOKEN: 'unused',
      PUBLIC_API_URL: api.url,
      POOL_SIZE: String(POOL_SIZE),
    },
    join(tmpdir(), 'checkout-bench-order-rate.log'),
    CHECKOUT_FLOOR_ENTRY,
  ).catch(async (error: unknown) => {
    await api.stop();
    await sandbox.close();
    throw error;
  });
  const sql = postgres(opts.databaseUrl, { max: POOL_SIZE, onnotice: () => {} });
  const invoicebox = createInvoiceboxClient({ baseUrl: loopback(sandbox.url), token: DEMO_SHOP.token });
  try {
    const viaApi = (url: string) => async () => {
      const answer = await trpcMutate(url, 'orders.create', checkoutInput(randomUUID()));
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
    // The floor answers whatever the path: the same bytes reach both servers.
    const checkout = viaApi(loopback(api.url));
    const bare = viaApi(floor.url);
    // Idle: started, migrated, nothing served yet; a second so start-up garbage settles.
    await sleep(1_000);
    const idle = api.rss();
    for (const work of [checkout, bare, direct]) await runLoad(concurrency, 40, 20_000, work);
    const samples: number[] = [];
    const runs = { api: [] as Load[], sameJob: [] as Load[], direct: [] as Load[] };
    // In turn, and medians: on a shared 2-core machine one window swings by a fifth either way.
    for (let round = 0; round < rounds; round++) {
      const sampler = setInterval(() => samples.push(api.rss()), 100);
      runs.api.push(
        await runLoad(concurrency, 100_000, durationMs, checkout).finally(() => clearInterval(sampler)),
      );
      runs.sameJob.push(await runLoad(concurrency, 100_000, durationMs, bare));
      runs.direct.push(await runLoad(concurrency, 100_000, durationMs, direct));
    }
    samples.sort((x, y) => x - y);
    const a = medianRun(runs.api);
    const f = medianRun(runs.sameJob);
    const b = medianRun(runs.direct);
    return {
      concurrency,
      rounds,
      apiPerSecond: a.done / a.seconds,
      baselinePerSecond: b.done / b.seconds,
      sameJobPerSecond: f.done / f.seconds,
      apiP50: percentile(a.latencies, 50),
      apiP99: percentile(a.latencies, 99),
      baselineP50: percentile(b.latencies, 50),
      baselineP99: percentile(b.latencies, 99),
      sameJobP50: percentile(f.latencies, 50),
      sameJobP99: percentile(f.latencies, 99),
      rssMb: {
        idle: mb(idle),
        loadMedian: mb(percentile(samples, 50)),
        loadPeak: mb(samples.at(-1) ?? 0),
      },
    };
  } finally {
    await sql.end({ timeout: 5 });
    await floor.stop();
    await api.stop();
    await sandbox.close();
  }
}
