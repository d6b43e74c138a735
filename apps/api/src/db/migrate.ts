import { fileURLToPath } from 'node:url';
import { sql } from 'drizzle-orm';
import { readMigrationFiles } from 'drizzle-orm/migrator';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { migrate as migratePostgres } from 'drizzle-orm/postgres-js/migrator';
import type { Database, Db } from './client.js';
import { CONCURRENT_INDEXES } from './concurrent-indexes.js';

// From src/db (tsx) and dist/db (compiled) alike: the SQL files stay in apps/api/drizzle.
const MIGRATIONS = fileURLToPath(new URL('../../drizzle', import.meta.url));

/** Applies the committed drizzle-kit migrations; safe when several replicas start together. */
export async function migrateDatabase(database: Database): Promise<void> {
  await database.withMigrationLock(async (db) => {
    // Both migrators only read the session off the db object; the casts pick the driver's signature.
    if (database.driver === 'postgres') {
      await migratePostgres(db as Parameters<typeof migratePostgres>[0], { migrationsFolder: MIGRATIONS });
    } else {
      await migratePglite(db as Parameters<typeof migratePglite>[0], { migrationsFolder: MIGRATIONS });
    }
    await buildConcurrentIndexes(db, database.driver);
  });
}

// postgres.js returns an array of rows, PGlite an object with .rows.
async function rowsOf<T>(db: Db, query: ReturnType<typeof sql>): Promise<T[]> {
  const result = await db.execute(query);
  return (Array.isArray(result) ? result : (result as { rows: unknown[] }).rows) as T[];
}

/** Names of the listed indexes that exist, with whether each is valid (a killed CONCURRENTLY build is not). */
async function listedIndexes(db: Db): Promise<Map<string, boolean>> {
  const names = CONCURRENT_INDEXES.map((index) => index.name);
  const rows = await rowsOf<{ name: string; valid: boolean }>(
    db,
    sql`SELECT c.relname AS name, i.indisvalid AS valid FROM pg_index i
        JOIN pg_class c ON c.oid = i.indexrelid
        WHERE c.relnamespace = 'public'::regnamespace AND c.relname IN ${names}`,
  );
  return new Map(rows.map((row) => [row.name, row.valid]));
}

async function hasTrigrams(db: Db): Promise<boolean> {
  const [row] = await rowsOf<{ n: number }>(
    db,
    sql`SELECT count(*)::int AS n FROM pg_extension WHERE extname = 'pg_trgm'`,
  );
  return (row?.n ?? 0) > 0;
}

/**
 * Builds CONCURRENT_INDEXES that are missing, without blocking writes on PostgreSQL. Re-runnable: a valid index
 * is left alone; an INVALID one (its build was interrupted) is dropped and built again. PGlite has no concurrent
 * writers, so it builds them plainly; it has no pg_trgm unless the instance was opened with that extension, and
 * then search runs without the trigram indexes.
 */
async function buildConcurrentIndexes(db: Db, driver: Database['driver']): Promise<void> {
  if (!(await hasTrigrams(db))) {
    // Trusted since PostgreSQL 13: the database owner may create it. Refused when unavailable (PGlite as opened).
    await db.execute(sql`CREATE EXTENSION IF NOT EXISTS pg_trgm`).catch(() => undefined);
  }
  const trigrams = await hasTrigrams(db);
  const existing = await listedIndexes(db);
  const concurrently = driver === 'postgres' ? 'CONCURRENTLY ' : '';
  for (const index of CONCURRENT_INDEXES) {
    if (index.extension === 'pg_trgm' && !trigrams) continue;
    const valid = existing.get(index.name);
    if (valid) continue;
    if (valid === false) await db.execute(sql.raw(`DROP INDEX ${concurrently}IF EXISTS "${index.name}"`));
    await db.execute(
      sql.raw(`CREATE INDEX ${concurrently}IF NOT EXISTS "${index.name}" ${index.definition}`),
    );
  }
}

export class SchemaBehindError extends Error {
  override name = 'SchemaBehindError';
}

/** For a server that does not migrate at start: refuses a database without the latest migration applied. */
export async function assertMigrated(database: Database): Promise<void> {
  const latest = readMigrationFiles({ migrationsFolder: MIGRATIONS }).at(-1)?.folderMillis ?? 0;
  const firstRow = async (query: ReturnType<typeof sql>) =>
    (await rowsOf<Record<string, unknown>>(database.db, query))[0];
  const table = await firstRow(
    sql`SELECT to_regclass('drizzle.__drizzle_migrations') IS NOT NULL AS present`,
  );
  const applied = table?.present
    ? Number(
        (await firstRow(sql`SELECT max(created_at) AS applied FROM drizzle.__drizzle_migrations`))?.applied ??
          0,
      )
    : 0;
  if (applied < latest) {
    throw new SchemaBehindError(
      'The database schema is behind this build: run `pnpm migrate` (node dist/migrate.js) with the same DATABASE_URL first.',
    );
  }
  const trigrams = await hasTrigrams(database.db);
  const existing = await listedIndexes(database.db);
  const missing = CONCURRENT_INDEXES.filter(
    (index) => !existing.get(index.name) && (index.extension !== 'pg_trgm' || trigrams),
  ).map((index) => index.name);
  if (missing.length > 0) {
    throw new SchemaBehindError(
      `The database is missing indexes (${missing.join(', ')}), or their build was interrupted: run \`pnpm migrate\` (node dist/migrate.js) with the same DATABASE_URL first.`,
    );
  }
}
