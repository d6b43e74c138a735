import { randomUUID } from 'node:crypto';
import { createServer, type ServerResponse } from 'node:http';
import { createInvoiceboxClient, DEMO_SHOP } from '@checkout/invoicebox';
import { normalizePhone } from '@checkout/invoicebox/web';
import { PgDialect } from 'drizzle-orm/pg-core';
import postgres from 'postgres';
import type { ApiConfig } from '../../src/deps.js';
import { basketFromLines } from '../../src/orders/basket-from-lines.js';
import { buildCreateOrderRequest } from '../../src/orders/invoicebox-request.js';
import type { PricedLine } from '../../src/orders/price-from-catalog.js';
import { saveOrderStatement } from '../../src/orders/save-order.js';

const dialect = new PgDialect();

type Checkout = {
  idempotencyKey: string;
  lines: { sku: string; quantity: number }[];
  customer: { type: 'private'; name: string; email: string; phone: string };
};

function answer(response: ServerResponse, status: number, body: unknown) {
  const text = JSON.stringify(body);
  response
    .writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) })
    .end(text);
}

/**
 * The least work that does orders.create's job, by hand on node:http: read the shopper's JSON, price its lines
 * from a catalog held in memory, save the order and its lines `pending` with the API's own statement (one durable
 * statement, with the key and the placing lease, before Invoicebox hears of it), send the very createOrder request the shop builds through
 * the SDK, store Invoicebox's id and link (one statement whose commit does not wait for the disk, as the API's),
 * and answer. No framework, no schema, no budget, no logging, no events: the floor orders.create is measured
 * against, fed the same request bytes.
 */
export async function startCheckoutFloor(opts: {
  databaseUrl: string;
  invoiceboxApiUrl: string;
  /** Where the API would say notifications go; only its length matters here. */
  publicApiUrl?: string;
  poolSize?: number;
  port?: number;
}): Promise<{ url: string; close(): Promise<void> }> {
  const sql = postgres(opts.databaseUrl, { max: opts.poolSize ?? 10, onnotice: () => {} });
  // As drizzle's postgres.js driver sets up the API's client: json and jsonb parameters go as the text the
  // statement built (saveOrderStatement sends its lines as a JSON string).
  for (const oid of [114, 3802]) sql.options.serializers[oid] = (value: unknown) => value;
  const invoicebox = createInvoiceboxClient({ baseUrl: opts.invoiceboxApiUrl, token: DEMO_SHOP.token });
  // What buildCreateOrderRequest reads, as the API sets it: the request is the one the shop sends, byte for byte.
  const config = {
    merchantId: DEMO_SHOP.merchantId,
    storefrontUrl: 'http://localhost:5173',
    publicApiUrl: opts.publicApiUrl ?? 'http://127.0.0.1:3000',
    webhookNotifications: true,
    orderTtlMs: 86_400_000,
  } as ApiConfig;
  const catalog = new Map(
    (
      await sql<
        {
          sku: string;
          name: string;
          price: number;
          vat_code: string;
          measure: string;
          measure_code: string;
          item_type: string;
          payment_type: string;
        }[]
      >`SELECT sku, name, price, vat_code, measure, measure_code, item_type, payment_type FROM products WHERE active`
    ).map((p) => [p.sku, p]),
  );

  const checkout = async (input: Checkout) => {
    const lines: PricedLine[] = input.lines.map((line, position) => {
      const p = catalog.get(line.sku);
      if (!p) throw new Error(`unknown sku ${line.sku}`);
      return {
        position,
        sku: line.sku,
        name: p.name,
        quantity: line.quantity,
        unitPrice: p.price,
        vatCode: p.vat_code,
        measure: p.measure,
        measureCode: p.measure_code,
        itemType: p.item_type,
        paymentType: p.payment_type,
      };
    });
    const basket = basketFromLines(lines);
    const id = randomUUID();
    const expiresAt = new Date(Date.now() + 86_400_000);
    // Invoicebox wants the phone as digits, as the API's input schema gives it.
    const c = { ...input.customer, phone: normalizePhone(input.customer.phone) };
    // The API's own statement (orders/save-order.ts), prepared, straight through postgres.js.
    const save = dialect.sqlToQuery(
      saveOrderStatement({
        id,
        idempotencyKey: input.idempotencyKey,
        customer: c,
        lines,
        basket,
        expiresAt,
        placingUntil: new Date(Date.now() + 20_000),
      }),
    );
    const [saved] = await sql.unsafe<{ number: number }[]>(save.sql, save.params as never[], {
      prepare: true,
    });
    const request = buildCreateOrderRequest(
      config,
      {
        id,
        number: saved!.number,
        customerType: c.type,
        customerName: c.name,
        customerEmail: c.email,
        customerPhone: c.phone,
        customerVatNumber: null,
        customerKpp: null,
        customerRegistrationAddress: null,
        expiresAt,
      },
      lines,
    );
    const { data } = await invoicebox.createOrder(request);
    await sql`
      WITH lazy_commit AS (SELECT set_config('synchronous_commit', 'off', true))
      UPDATE orders SET status = 'awaiting_payment', invoicebox_order_id = ${data.id},
        payment_url = ${data.paymentUrl ?? null}, placing_until = NULL, updated_at = now()
      FROM lazy_commit WHERE id = ${id}`;
    return { orderId: id, paymentUrl: data.paymentUrl ?? '' };
  };

  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      checkout(JSON.parse(Buffer.concat(chunks).toString('utf8')) as Checkout).then(
        (data) => answer(response, 200, { result: { data } }),
        (error: unknown) => answer(response, 500, { error: { message: String(error) } }),
      );
    });
  });
  await new Promise<void>((resolve) => server.listen(opts.port ?? 0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    url: `http://127.0.0.1:${port}`,
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await sql.end({ timeout: 5 });
    },
  };
}
