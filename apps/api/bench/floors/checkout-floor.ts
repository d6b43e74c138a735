import { randomUUID } from 'node:crypto';
import { createServer, type ServerResponse } from 'node:http';
import { createInvoiceboxClient, DEMO_SHOP } from '@checkout/invoicebox';
import { normalizePhone } from '@checkout/invoicebox/web';
import postgres from 'postgres';
import type { ApiConfig } from '../../src/deps.js';
import { basketFromLines } from '../../src/orders/basket-from-lines.js';
import { buildCreateOrderRequest } from '../../src/orders/invoicebox-request.js';
import type { PricedLine } from '../../src/orders/price-from-catalog.js';

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
 * from a catalog held in memory, save the order and its lines `pending` (one durable statement, with the key and
 * the placing lease, before Invoicebox hears of it), send the very createOrder request the shop builds through
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
    const [saved] = await sql<{ number: number }[]>`
      WITH saved AS (
        INSERT INTO orders (id, status, customer_type, customer_name, customer_email, customer_phone, amount,
          vat_amount, idempotency_key, expires_at, placing_until, create_attempts)
        VALUES (${id}, 'pending', ${c.type}, ${c.name}, ${c.email}, ${c.phone}, ${basket.amount},
          ${basket.vatAmount}, ${input.idempotencyKey}, ${expiresAt}, now() + interval '20 seconds', 1)
        RETURNING id, number
      ), lines AS (
        INSERT INTO order_lines (order_id, position, sku, name, quantity, unit_price, total, vat_code, vat_amount,
          measure, measure_code, item_type, payment_type)
        SELECT saved.id, l.position, l.sku, l.name, l.quantity, l.unit_price, l.total, l.vat_code, l.vat_amount,
          l.measure, l.measure_code, l.item_type, l.payment_type
        FROM saved, jsonb_to_recordset(${sql.json(
          lines.map((line, i) => ({
            position: line.position,
            sku: line.sku,
            name: line.name,
            quantity: line.quantity,
            unit_price: line.unitPrice,
            total: basket.lines[i]!.totalAmount,
            vat_code: line.vatCode,
            vat_amount: basket.lines[i]!.totalVatAmount,
            measure: line.measure,
            measure_code: line.measureCode,
            item_type: line.itemType,
            payment_type: line.paymentType,
          })),
        )}) AS l(position int, sku text, name text, quantity int, unit_price int, total int, vat_code text,
          vat_amount int, measure text, measure_code text, item_type text, payment_type text)
      )
      SELECT number FROM saved`;
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
