import { randomUUID } from 'node:crypto';
import { startApi, UNLIMITED } from '@checkout/api';
import { createInvoiceboxClient, DEMO_SHOP } from '@checkout/invoicebox';
import { startSandbox } from '@checkout/sandbox';
import { loopback, percentile, runLoad } from '@checkout/testkit';
import postgres from 'postgres';
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
};

/**
 * Orders created per second with `concurrency` shoppers at once: orders.create through tRPC over HTTP (catalog,
 * basket, insert, Invoicebox call, update) against the sandbox, next to the sandbox call plus one INSERT.
 * Complements apps/api/bench's sequential p50/p99 with the rate under load.
 */
export async function measureOrderRate(opts: {
  databaseUrl: string;
  concurrency?: number;
  durationMs?: number;
}): Promise<RateResult> {
  const concurrency = opts.concurrency ?? 8;
  const durationMs = opts.durationMs ?? 3_000;
  const sandbox = await startSandbox({ port: 0, host: '127.0.0.1', rateLimit: false, log: false });
  const api = await startApi({
    port: 0,
    databaseUrl: opts.databaseUrl,
    invoiceboxApiUrl: loopback(sandbox.url),
    storefrontUrl: 'http://localhost:5173',
    adminToken: 'bench-admin-token',
    reconcileIntervalMs: false,
    logLevel: 'silent',
    limits: UNLIMITED,
  });
  const sql = postgres(opts.databaseUrl, { max: 10, onnotice: () => {} });
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
    await runLoad(concurrency, 40, 20_000, viaApi);
    const a = await runLoad(concurrency, 100_000, durationMs, viaApi);
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
    };
  } finally {
    await sql.end({ timeout: 5 });
    await api.close();
    await sandbox.close();
  }
}
