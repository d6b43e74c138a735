-- The reconciler stamps the refunds in flight it checks (src/due-orders.ts); refunds_open_due_idx (declared in
-- src/db/schema.ts) is built CONCURRENTLY by src/db/concurrent-indexes.ts after this transaction (see 0002).
ALTER TABLE "refunds" ADD COLUMN "checked_at" timestamp with time zone;
