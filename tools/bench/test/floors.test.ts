import { randomUUID } from 'node:crypto';
import { type RunningApi, startApi, UNLIMITED } from '@checkout/api';
import { startCheckoutFloor, startNotificationFloor } from '@checkout/api/bench';
import { createInvoiceboxClient, DEMO_SHOP } from '@checkout/invoicebox';
import { signedTestNotification, testNotification } from '@checkout/invoicebox/testing';
import { type RunningSandbox, startSandbox } from '@checkout/sandbox';
import { type ScratchDatabase, scratchDatabase } from '@checkout/testkit';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkoutInput } from '../src/trpc-http.js';

// The benchmark's floors are only honest if they do the job they stand for: these checks hold them to it.
const adminUrl = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

describe('the benchmark floors', () => {
  let scratch: ScratchDatabase;
  let sandbox: RunningSandbox;
  let api: RunningApi;
  let sql: postgres.Sql;
  beforeAll(async () => {
    scratch = await scratchDatabase(adminUrl);
    sandbox = await startSandbox({ port: 0, rateLimit: false, log: false });
    api = await startApi({
      port: 0,
      databaseUrl: scratch.url,
      invoiceboxApiUrl: sandbox.url,
      storefrontUrl: 'http://localhost:5173',
      adminToken: 'floors-admin-token',
      reconcileIntervalMs: false,
      limits: UNLIMITED,
      logLevel: 'silent',
    });
    sql = postgres(scratch.url, { max: 2, onnotice: () => {} });
  }, 60_000);
  afterAll(async () => {
    await sql?.end({ timeout: 5 });
    await api?.close();
    await sandbox?.close();
    await scratch?.drop();
  });

  it('the checkout floor leaves the same order at Invoicebox and in our tables as orders.create', async () => {
    const floor = await startCheckoutFloor({
      databaseUrl: scratch.url,
      invoiceboxApiUrl: sandbox.url,
      publicApiUrl: api.url,
      poolSize: 2,
    });
    try {
      const create = async (url: string) => {
        const response = await fetch(url, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(checkoutInput(randomUUID())),
        });
        expect(response.status, await response.clone().text()).toBe(200);
        return ((await response.json()) as { result: { data: { orderId: string; paymentUrl: string } } })
          .result.data;
      };
      const ours = await create(`${api.url}/trpc/orders.create`);
      const bare = await create(floor.url);
      const stored = async (id: string) => {
        const [order] =
          await sql`SELECT status, amount, vat_amount, customer_name, customer_email, customer_phone,
          invoicebox_order_id, payment_url,
          create_attempts, placing_until FROM orders WHERE id = ${id}`;
        const lines = await sql`SELECT sku, quantity, unit_price, total, vat_code, vat_amount
          FROM order_lines WHERE order_id = ${id} ORDER BY position`;
        return { order: order!, lines };
      };
      const [a, b] = [await stored(ours.orderId), await stored(bare.orderId)];
      expect(b.order).toMatchObject({ status: 'awaiting_payment', create_attempts: 1, placing_until: null });
      expect(b.order.payment_url).toBe(bare.paymentUrl);
      const { invoicebox_order_id: _a, payment_url: _pa, ...ourOrder } = a.order;
      const { invoicebox_order_id: _b, payment_url: _pb, ...bareOrder } = b.order;
      expect(bareOrder).toEqual(ourOrder);
      expect(b.lines).toEqual(a.lines);

      const invoicebox = createInvoiceboxClient({ baseUrl: sandbox.url, token: DEMO_SHOP.token });
      const remote = async (id: string) => {
        const { data } = await invoicebox.getOrder(id);
        const { amount, vatAmount, currencyId, basketItems, customer, notificationUrl } = data as Record<
          string,
          unknown
        >;
        return { amount, vatAmount, currencyId, basketItems, customer, notificationUrl };
      };
      expect(await remote(String(b.order.invoicebox_order_id))).toEqual(
        await remote(String(a.order.invoicebox_order_id)),
      );
    } finally {
      await floor.close();
    }
  });

  it('the notification floor checks the signature and the merchant, then runs the route’s statement', async () => {
    const floor = await startNotificationFloor(sql, DEMO_SHOP.notificationKey);
    try {
      const id = randomUUID();
      const invoiceboxId = randomUUID();
      await sql`INSERT INTO orders (id, status, customer_type, customer_name, customer_email, customer_phone, amount,
        vat_amount, idempotency_key, invoicebox_order_id)
        VALUES (${id}, 'awaiting_payment', 'private', 'Иван', 'ivan@example.ru', '79001234567', 123456, 0,
          ${randomUUID()}, ${invoiceboxId})`;
      const notification = testNotification({
        id: invoiceboxId,
        merchantId: DEMO_SHOP.merchantId,
        merchantOrderId: id,
        amount: 1234.56,
      });
      const post = (body: string, signature: string) =>
        fetch(`${floor.url}/webhooks/invoicebox`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-signature': signature },
          body,
        }).then((r) => r.json());
      const forged = signedTestNotification(notification, { key: 'not-the-shop-key' });
      expect(await post(forged.body, forged.headers['X-Signature'])).toEqual({ status: 'error' });
      expect((await sql`SELECT status FROM orders WHERE id = ${id}`)[0]!.status).toBe('awaiting_payment');

      const elsewhere = signedTestNotification(
        { ...notification, merchantId: 'another-shop' },
        { key: DEMO_SHOP.notificationKey },
      );
      expect(await post(elsewhere.body, elsewhere.headers['X-Signature'])).toEqual({ status: 'error' });
      expect((await sql`SELECT status FROM orders WHERE id = ${id}`)[0]!.status).toBe('awaiting_payment');

      const signed = signedTestNotification(notification, { key: DEMO_SHOP.notificationKey });
      expect(await post(signed.body, signed.headers['X-Signature'])).toEqual({ status: 'success' });
      expect((await sql`SELECT status FROM orders WHERE id = ${id}`)[0]!.status).toBe('paid');
      const [counts] = await sql`SELECT
        (SELECT count(*)::int FROM notifications WHERE order_id = ${id}) AS recorded,
        (SELECT count(*)::int FROM order_events WHERE order_id = ${id} AND to_status = 'paid') AS events`;
      expect(counts).toEqual({ recorded: 1, events: 1 });
    } finally {
      await floor.close();
    }
  });
});
