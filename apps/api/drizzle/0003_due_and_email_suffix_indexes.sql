-- Staff search by any part of an e-mail: every suffix of the lowercased address (3+ characters, as fragments
-- are) as one tsvector lexeme; "petrov12" is then a prefix query ('petrov12':*) on orders_email_suffix_idx.
-- Immutable (it depends on its argument alone), so it can be indexed.
CREATE OR REPLACE FUNCTION email_suffixes(email text) RETURNS tsvector
  LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
  AS $$ SELECT array_to_tsvector(ARRAY(SELECT substr(lower(email), i) FROM generate_series(1, length(email) - 2) AS i)) $$;--> statement-breakpoint
-- Replaced by orders_unsettled_due_idx and orders_email_suffix_idx, which src/db/concurrent-indexes.ts builds
-- CONCURRENTLY after this transaction (see 0002). IF EXISTS: on a new database they were never built.
DROP INDEX IF EXISTS "orders_unsettled_idx";--> statement-breakpoint
DROP INDEX IF EXISTS "orders_email_trgm_idx";
