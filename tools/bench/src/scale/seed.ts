import type postgres from 'postgres';

/** The tables the seed fills; their secondary indexes are dropped for the load and built again after it. */
const TABLES = ['orders', 'order_lines', 'order_events', 'notifications', 'refunds'];
/** The newest orders (about three days at a million a year) may still be unpaid; older ones are settled. */
const RECENT = 9_000;

export type SeedResult = {
  orders: number;
  rows: Record<string, number>;
  /** INSERT … SELECT generate_series, secondary indexes dropped. */
  loadMs: number;
  /** The dropped indexes built again, plus VACUUM ANALYZE. */
  indexMs: number;
  /** pg_database_size after the seed. */
  databaseBytes: number;
};

/**
 * Fills a migrated database with `count` orders over the past year, as a bulk load does: secondary indexes
 * dropped (their definitions read from pg_indexes, so every index the migrations made comes back exactly),
 * foreign-key triggers off for the session (the rows are consistent by construction), then one INSERT … SELECT
 * generate_series per table, the indexes rebuilt, VACUUM ANALYZE. Orders get realistic shapes: about 200k
 * returning customers (Russian names, common mail domains, +7 9xx phones), statuses by age (only the newest 9,000,
 * about three days, still pending or awaiting payment), log-normal amounts, one to four lines, the events and the signed
 * notifications their status implies, and a few hundred refunds (some still in flight).
 */
export async function seedOrders(sql: postgres.Sql, count: number): Promise<SeedResult> {
  const t0 = performance.now();
  await sql`SET session_replication_role = replica`;
  await sql`SET maintenance_work_mem = '1GB'`;
  await sql`SET synchronous_commit = off`;
  const indexes = await sql<{ name: string; definition: string }[]>`
    SELECT i.indexname AS name, i.indexdef AS definition FROM pg_indexes i
    WHERE i.schemaname = 'public' AND i.tablename IN ${sql(TABLES)}
      AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conname = i.indexname)`;
  for (const index of indexes) await sql.unsafe(`DROP INDEX "${index.name}"`);
  // Truncated in the load's own transaction, with wal_level = minimal the new rows skip the WAL.
  await sql`BEGIN`;
  // Every table that references orders goes too (TRUNCATE refuses otherwise); the seed leaves them empty.
  await sql.unsafe(`TRUNCATE ${TABLES.join(', ')}, refund_requests, shipments`);

  await sql`
    INSERT INTO orders (id, number, status, customer_type, customer_name, customer_email, customer_phone,
      amount, vat_amount, currency, invoicebox_order_id, payment_url, idempotency_key, create_attempts,
      expires_at, created_at, updated_at, paid_at)
    OVERRIDING SYSTEM VALUE
    SELECT gen_random_uuid(), 1000 + i, s.status, 'private',
      c.first || ' ' || c.last, c.email, c.phone,
      a.amount, a.amount / 6, 'RUB',
      CASE WHEN s.status <> 'pending' THEN gen_random_uuid()::text END,
      CASE WHEN s.status <> 'pending' THEN 'https://pay.invoicebox.ru/pay/' || md5(i::text) END,
      md5('order' || i), 1,
      t.created_at + interval '1 day', t.created_at,
      t.created_at + CASE WHEN s.status IN ('pending', 'awaiting_payment') THEN interval '1 second'
                          ELSE interval '1 minute' * (1 + (i % 600)) END,
      CASE WHEN s.status IN ('paid', 'partially_refunded', 'refunded')
           THEN t.created_at + interval '1 minute' * (1 + (i % 30)) END
    FROM generate_series(1, ${count}::int) AS i
    -- One order every ~31 s over the year, to the second: neighbours sometimes share a timestamp.
    CROSS JOIN LATERAL (SELECT date_trunc('second',
      now() - interval '365 days' * (1 - i::float8 / ${count}) - interval '2 minutes') AS created_at) t
    CROSS JOIN LATERAL (SELECT (hashint4(i) & 2147483647) % 200000 AS customer,
                               (hashint4(i * 7) & 2147483647) % 1000 AS roll) h
    CROSS JOIN LATERAL (SELECT
      (ARRAY['Иван','Мария','Алексей','Ольга','Дмитрий','Анна','Сергей','Елена','Андрей','Наталья'])[1 + h.customer % 10] AS first,
      (ARRAY['Петров','Смирнова','Иванов','Кузнецова','Попов','Соколова','Лебедев','Козлова','Новиков','Морозова'])[1 + (h.customer / 10) % 10] AS last,
      (ARRAY['ivan','maria','alexey','olga','dmitry','anna','sergey','elena','andrey','natalia'])[1 + h.customer % 10]
        || '.' || (ARRAY['petrov','smirnova','ivanov','kuznetsova','popov','sokolova','lebedev','kozlova','novikov','morozova'])[1 + (h.customer / 10) % 10]
        || h.customer || '@' || (ARRAY['gmail.com','mail.ru','yandex.ru','bk.ru','list.ru','inbox.ru','rambler.ru','outlook.com'])[1 + (h.customer / 100) % 8] AS email,
      '79' || lpad(((h.customer::bigint * 7919 + 13) % 1000000000)::text, 9, '0') AS phone) c
    CROSS JOIN LATERAL (SELECT CASE
      WHEN i > ${count - RECENT}::int AND h.roll < 250 THEN 'awaiting_payment'
      WHEN i > ${count - RECENT}::int AND h.roll < 300 THEN 'pending'
      WHEN h.roll < 620 THEN 'paid'
      WHEN h.roll < 650 THEN 'refunded'
      WHEN h.roll < 670 THEN 'partially_refunded'
      WHEN h.roll < 870 THEN 'expired'
      WHEN h.roll < 950 THEN 'canceled'
      ELSE 'failed' END AS status) s
    -- Log-normal-ish: most between 500 and 5,000 roubles, a tail to about 60,000; whole roubles, in kopecks.
    CROSS JOIN LATERAL (SELECT (round(exp(6 + 2 * ((hashint4(i * 13) & 65535) / 65536.0)
      + 1.2 * ((hashint4(i * 17) & 65535) / 65536.0))) * 100)::int AS amount) a`;
  await sql`SELECT setval('orders_number_seq', ${1000 + count})`;

  await sql`
    INSERT INTO order_lines (order_id, position, sku, name, quantity, unit_price, total, vat_code, vat_amount,
      measure, measure_code, item_type, payment_type)
    SELECT o.id, p, 'SKU-' || (1 + (o.number * p) % 40), 'Товар ' || (1 + (o.number * p) % 40), 1,
      o.amount / n.lines, o.amount / n.lines, 'VATOUT_20', o.amount / n.lines / 6,
      'шт.', '796', 'commodity', 'full_prepayment'
    FROM orders o
    CROSS JOIN LATERAL (SELECT 1 + (hashint4(o.number * 3) & 2147483647) % 4 AS lines) n
    CROSS JOIN LATERAL generate_series(1, n.lines) AS p`;

  // Every order was created pending; the rest of its history follows from its status.
  await sql`
    INSERT INTO order_events (order_id, from_status, to_status, source, reason, created_at)
    SELECT o.id, e.from_status, e.to_status, e.source, e.reason, o.created_at + e.after
    FROM orders o
    CROSS JOIN LATERAL (VALUES
      (1, 'pending', 'awaiting_payment', 'checkout', 'created at Invoicebox', interval '1 second'),
      (2, 'awaiting_payment', CASE WHEN o.status LIKE '%refunded' THEN 'paid' ELSE o.status END,
         CASE WHEN o.status = 'expired' THEN 'reconciler' ELSE 'notification' END,
         'Invoicebox reports ' || o.status, o.updated_at - o.created_at),
      (3, 'paid', o.status, 'staff', 'refund completed', o.updated_at - o.created_at + interval '1 day')
    ) AS e(step, from_status, to_status, source, reason, after)
    WHERE (e.step = 1 AND o.status <> 'pending')
       OR (e.step = 2 AND o.status NOT IN ('pending', 'awaiting_payment'))
       OR (e.step = 3 AND o.status LIKE '%refunded')`;

  await sql`
    INSERT INTO notifications (id, order_id, invoicebox_id, merchant_order_id, status, subtype, body_sha256,
      raw_body, signature_valid, answer, outcome, deliveries, created_at)
    SELECT gen_random_uuid(), o.id, o.invoicebox_order_id, o.id::text, 'completed', 'payment',
      encode(sha256(convert_to(b.body, 'UTF8')), 'hex'), b.body, true, '{"status":"success"}'::jsonb,
      'applied', 1 + (o.number % 7 = 0)::int, o.paid_at
    FROM orders o
    CROSS JOIN LATERAL (SELECT json_build_object('id', o.invoicebox_order_id, 'merchantId', 'shop-demo',
      'merchantOrderId', o.id, 'status', 'completed', 'amount', o.amount / 100.0, 'currencyId', 'RUB',
      'paidAt', o.paid_at, 'customer', json_build_object('name', o.customer_name, 'email', o.customer_email,
      'phone', o.customer_phone))::text AS body) b
    WHERE o.paid_at IS NOT NULL`;

  await sql`
    INSERT INTO refunds (id, order_id, invoicebox_refund_id, lines, amount, vat_amount, status, created_at,
      updated_at, completed_at)
    SELECT gen_random_uuid(), o.id, gen_random_uuid()::text, '[]'::jsonb, o.amount / 2, o.amount / 12,
      CASE WHEN o.number % 50 = 0 THEN 'created' ELSE 'completed' END,
      o.updated_at, o.updated_at, CASE WHEN o.number % 50 <> 0 THEN o.updated_at END
    FROM orders o WHERE o.status IN ('refunded', 'partially_refunded')`;
  await sql`COMMIT`;
  const loadMs = performance.now() - t0;

  const t1 = performance.now();
  for (const index of indexes) await sql.unsafe(index.definition);
  await sql`SET session_replication_role = origin`;
  for (const table of TABLES) await sql.unsafe(`VACUUM ANALYZE ${table}`);
  const indexMs = performance.now() - t1;

  const rows: Record<string, number> = {};
  for (const table of TABLES) {
    const [row] = await sql<{ n: number }[]>`SELECT count(*)::int AS n FROM ${sql(table)}`;
    rows[table] = row?.n ?? 0;
  }
  const [size] = await sql<{ bytes: string }[]>`SELECT pg_database_size(current_database())::text AS bytes`;
  return { orders: count, rows, loadMs, indexMs, databaseBytes: Number(size?.bytes ?? 0) };
}
