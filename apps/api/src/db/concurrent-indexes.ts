/**
 * Indexes built with CREATE INDEX CONCURRENTLY, so adding them to a shop with a million orders never blocks
 * checkout's writes. drizzle's migrators run every migration inside one transaction, where CONCURRENTLY is
 * refused: schema.ts declares these (so drizzle-kit's snapshot knows them and never generates them again), their
 * migration (drizzle/0002_staff_views.sql) is left empty, and migrate.ts builds them from this list afterwards.
 * Never edit an entry: a changed definition needs a new name (and a migration dropping the old index).
 */
export type ConcurrentIndex = {
  name: string;
  /** Everything after the index name in CREATE INDEX. */
  definition: string;
  /** An extension the index needs; on a server without it the index is skipped, and queries still work. */
  extension?: 'pg_trgm';
};

export const CONCURRENT_INDEXES: readonly ConcurrentIndex[] = [
  // Staff list, newest first (scanned backward), with and without a status filter; keyset cursor on both.
  { name: 'orders_created_idx', definition: 'ON orders USING btree (created_at, number)' },
  { name: 'orders_status_created_idx', definition: 'ON orders USING btree (status, created_at, number)' },
  // The reconciler's due orders: only the unsettled few, least recently touched (changed or checked) first.
  // Held orders joined them (migration held_orders drops the older orders_unsettled_due_idx without them).
  {
    name: 'orders_unsettled_held_due_idx',
    definition: `ON orders USING btree (greatest(updated_at, checked_at)) WHERE status IN ('pending', 'awaiting_payment', 'held')`,
  },
  {
    name: 'refunds_open_idx',
    definition: `ON refunds USING btree (order_id) WHERE status IN ('pending', 'created')`,
  },
  // The reconciler's refunds in flight, least recently touched first: the claim reads only the ones it takes.
  {
    name: 'refunds_open_due_idx',
    definition: `ON refunds USING btree (greatest(updated_at, checked_at)) WHERE status IN ('pending', 'created')`,
  },
  // Staff search: an address or a phone number typed from its start (equality included), then any part of one.
  {
    name: 'orders_email_prefix_idx',
    definition: 'ON orders USING btree (lower(customer_email) text_pattern_ops)',
  },
  { name: 'orders_phone_prefix_idx', definition: 'ON orders USING btree (customer_phone text_pattern_ops)' },
  // Any part of an address: every suffix of it (email_suffixes(), migration 0003) is a lexeme, and a fragment is
  // a prefix of one of them, found by a prefix tsquery. Unlike trigrams, whose lists for "pet" or "rov" span a
  // tenth of all orders, the scan reads only the matching suffixes' lists.
  { name: 'orders_email_suffix_idx', definition: 'ON orders USING gin (email_suffixes(customer_email))' },
  {
    name: 'orders_phone_trgm_idx',
    definition: 'ON orders USING gin (customer_phone gin_trgm_ops)',
    extension: 'pg_trgm',
  },
];
