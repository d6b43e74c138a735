import { fileURLToPath } from 'node:url';
import { sql } from 'drizzle-orm';
import { readMigrationFiles } from 'drizzle-orm/migrator';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { migrate as migratePostgres } from 'drizzle-orm/postgres-js/migrator';
import type { Database } from './client.js';

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
  });
}

export class SchemaBehindError extends Error {
  override name = 'SchemaBehindError';
}

/** For a server that does not migrate at start: refuses a database without the latest migration applied. */
export async function assertMigrated(database: Database): Promise<void> {
  const latest = readMigrationFiles({ migrationsFolder: MIGRATIONS }).at(-1)?.folderMillis ?? 0;
  const result = await database.db.execute(sql`
    SELECT CASE WHEN to_regclass('drizzle.__drizzle_migrations') IS NULL THEN NULL
      ELSE (SELECT max(created_at) FROM drizzle.__drizzle_migrations) END AS applied`);
  // postgres.js returns an array of rows, PGlite an object with .rows.
  const rows = (Array.isArray(result) ? result : (result as { rows: unknown[] }).rows) as {
    applied: string | number | null;
  }[];
  const applied = Number(rows[0]?.applied ?? 0);
  if (applied < latest) {
    throw new SchemaBehindError(
      'The database schema is behind this build: run `pnpm migrate` (node dist/migrate.js) with the same DATABASE_URL first.',
    );
  }
}
