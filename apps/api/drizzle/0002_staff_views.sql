-- The staff views' indexes (declared in src/db/schema.ts) are built with CREATE INDEX CONCURRENTLY, which cannot
-- run inside the transaction drizzle's migrators use: src/db/concurrent-indexes.ts builds them right after.
SELECT 1;
