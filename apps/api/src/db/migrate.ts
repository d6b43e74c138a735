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
  // postgres.js returns an array of rows, PGlite an object with .rows.
  const firstRow = async (query: ReturnType<typeof sql>) => {
    const result = await database.db.execute(query);
    return (
      (Array.isArray(result) ? result : (result as { rows: unknown[] }).rows) as Record<string, unknown>[]
    )[0];
  };
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
}
