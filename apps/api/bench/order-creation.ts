import { randomUUID } from 'node:crypto';
import { createInvoiceboxClient, DEMO_SHOP } from '@checkout/invoicebox';
import { startSandbox } from '@checkout/sandbox';
import { loopback, percentile, scratchDatabase } from '@checkout/testkit';
import postgres from 'postgres';
import { UNLIMITED } from '../src/limits/config.js';
import { createLogger } from '../src/logger.js';
import { basketFromLines } from '../src/orders/basket-from-lines.js';
import { buildCreateOrderRequest } from '../src/orders/invoicebox-request.js';
import { priceFromCatalog } from '../src/orders/price-from-catalog.js';
import { startApi } from '../src/server.js';
import { startCheckoutFloor } from './floors/checkout-floor.js';

export type LatencyResult = {
  samples: number;
  apiP50: number;
  apiP99: number;
  /** The same job done bare (floors/checkout-floor.ts): node:http, save, createOrder, store the answer. */
  sameJobP50: number;
  sameJobP99: number;
  /** The parts alone, in process: the createOrder request + one INSERT (no request to serve, nothing saved first). */
  baselineP50: number;
  baselineP99: number;
};

const CART = [
  { sku: 'TEA-100', quantity: 2 },
  { sku: 'CONSULT-1H', quantity: 1 },
];

const customer = {
  type: 'private' as const,
  name: 'Иван Петров',
  email: 'ivan@example.ru',
  phone: '+79001234567',
};

/**
 * orders.create latency through tRPC over HTTP (catalog, basket, insert, Invoicebox call, update) against the
 * sandbox, next to two floors, one sample of each in turn: the same job done bare on node:http with the same
 * request bytes, and the parts alone (the same createOrder request sent to the sandbox plus one INSERT).
 */
export async function measureOrderCreation(opts: {
  adminDatabaseUrl: string;
  samples?: number;
}): Promise<LatencyResult> {
  const samples = opts.samples ?? 100;
  const scratch = await scratchDatabase(opts.adminDatabaseUrl);
  const sandbox = await startSandbox({ port: 0, rateLimit: false, log: false });
  const api = await startApi({
    port: 0,
    databaseUrl: scratch.url,
    invoiceboxApiUrl: sandbox.url,
    storefrontUrl: 'http://localhost:5173',
    adminToken: 'bench-admin-token',
    reconcileIntervalMs: false,
    limits: UNLIMITED,
    logger: createLogger('silent'),
  });
  const sql = postgres(scratch.url, { max: 4, onnotice: () => {} });
  const floor = await startCheckoutFloor({
    databaseUrl: scratch.url,
    invoiceboxApiUrl: sandbox.url,
    publicApiUrl: api.url,
    poolSize: 4,
  });
  const invoicebox = createInvoiceboxClient({ baseUrl: sandbox.url, token: DEMO_SHOP.token });
  // The bytes tRPC's httpLink posts for one checkout. Not @trpc/client's batch link: it dispatches on a
  // setTimeout, at least 1 ms in Node (a browser runs it at once), which neither the API nor a shopper pays.
  const post = async (url: string) => {
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ idempotencyKey: randomUUID(), lines: CART, customer }),
    });
    const text = await response.text();
    if (response.status !== 200) throw new Error(`${url}: HTTP ${response.status} ${text.slice(0, 200)}`);
  };
  const timed = async (into: number[], i: number, work: () => Promise<unknown>) => {
    const started = performance.now();
    await work();
    if (i >= 5) into.push(performance.now() - started);
  };
  try {
    // The parts floor sends the very request the shop builds for this cart (orders/invoicebox-request.ts).
    const lines = await priceFromCatalog(api.deps, { lines: CART });
    const basket = basketFromLines(lines);
    const parts = async (i: number) => {
      const id = randomUUID();
      const request = buildCreateOrderRequest(
        api.deps.config,
        {
          id,
          number: 100_000 + i,
          customerType: customer.type,
          customerName: customer.name,
          customerEmail: customer.email,
          customerPhone: customer.phone,
          customerVatNumber: null,
          customerKpp: null,
          customerRegistrationAddress: null,
          expiresAt: null,
        },
        lines,
      );
      const { data } = await invoicebox.createOrder(request);
      await sql`INSERT INTO orders (id, status, customer_type, customer_name, customer_email, customer_phone, amount,
                  vat_amount, idempotency_key, invoicebox_order_id, payment_url)
                VALUES (${id}, 'awaiting_payment', 'private', ${customer.name}, ${customer.email}, ${customer.phone},
                  ${basket.amount}, ${basket.vatAmount}, ${randomUUID()}, ${data.id}, ${data.paymentUrl ?? null})`;
    };
    const viaApi: number[] = [];
    const sameJob: number[] = [];
    const direct: number[] = [];
    // One of each in turn, so a slow moment of the shared machine falls on all three alike.
    for (let i = 0; i < samples + 5; i++) {
      // 127.0.0.1 for both servers: the API's own URL names localhost.
      await timed(viaApi, i, () => post(`${loopback(api.url)}/trpc/orders.create`));
      await timed(sameJob, i, () => post(floor.url));
      await timed(direct, i, () => parts(i));
    }
    for (const list of [viaApi, sameJob, direct]) list.sort((a, b) => a - b);
    return {
      samples,
      apiP50: percentile(viaApi, 50),
      apiP99: percentile(viaApi, 99),
      sameJobP50: percentile(sameJob, 50),
      sameJobP99: percentile(sameJob, 99),
      baselineP50: percentile(direct, 50),
      baselineP99: percentile(direct, 99),
    };
  } finally {
    await floor.close();
    await sql.end({ timeout: 5 });
    await api.close();
    await sandbox.close();
    await scratch.drop();
  }
}
