import { fileURLToPath } from 'node:url';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { migrate as migratePostgres } from 'drizzle-orm/postgres-js/migrator';
import type { Database } from './client.js';

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
