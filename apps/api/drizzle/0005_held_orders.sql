-- Held orders are unsettled too: orders_unsettled_held_due_idx (declared in src/db/schema.ts) replaces
-- orders_unsettled_due_idx and is built CONCURRENTLY by src/db/concurrent-indexes.ts after this transaction
-- (see 0002). IF EXISTS: a database whose concurrent build never ran has no old index.
DROP INDEX IF EXISTS "orders_unsettled_due_idx";
