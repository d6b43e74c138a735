import { randomUUID } from 'node:crypto';
import { createInvoiceboxClient, DEMO_SHOP } from '@checkout/invoicebox';
import { startSandbox } from '@checkout/sandbox';
import { percentile, scratchDatabase } from '@checkout/testkit';
import { createTRPCClient, httpBatchLink } from '@trpc/client';
import postgres from 'postgres';
import { UNLIMITED } from '../src/limits/config.js';
import { createLogger } from '../src/logger.js';
import { basketFromLines } from '../src/orders/basket-from-lines.js';
import { buildCreateOrderRequest } from '../src/orders/invoicebox-request.js';
import { priceFromCatalog } from '../src/orders/price-from-catalog.js';
import { startApi } from '../src/server.js';
import type { AppRouter } from '../src/trpc/root.js';

export type LatencyResult = {
  samples: number;
  apiP50: number;
  apiP99: number;
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
 * sandbox, next to the bare minimum: the same createOrder request sent to the sandbox plus one INSERT.
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
  const client = createTRPCClient<AppRouter>({ links: [httpBatchLink({ url: `${api.url}/trpc` })] });
  const invoicebox = createInvoiceboxClient({ baseUrl: sandbox.url, token: DEMO_SHOP.token });
  try {
    const viaApi: number[] = [];
    for (let i = 0; i < samples + 5; i++) {
      const started = performance.now();
      await client.orders.create.mutate({
        idempotencyKey: randomUUID(),
        lines: CART,
        customer,
      });
      if (i >= 5) viaApi.push(performance.now() - started);
    }

    // The floor sends the very request the shop builds for this cart (orders/invoicebox-request.ts).
    const lines = await priceFromCatalog(api.deps, { lines: CART });
    const basket = basketFromLines(lines);
    const direct: number[] = [];
    for (let i = 0; i < samples + 5; i++) {
      const started = performance.now();
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
      if (i >= 5) direct.push(performance.now() - started);
    }
    viaApi.sort((a, b) => a - b);
    direct.sort((a, b) => a - b);
    return {
      samples,
      apiP50: percentile(viaApi, 50),
      apiP99: percentile(viaApi, 99),
      baselineP50: percentile(direct, 50),
      baselineP99: percentile(direct, 99),
    };
  } finally {
    await sql.end({ timeout: 5 });
    await api.close();
    await sandbox.close();
    await scratch.drop();
  }
}
