import { openDatabase } from './db/client.js';
import { migrateDatabase } from './db/migrate.js';
import { seedCatalog } from './db/seed-catalog.js';
import { safeError } from './lib/safe-error.js';
import { pgliteDataDir } from './pglite-dir.js';

/**
 * `pnpm migrate` (node dist/migrate.js): applies the migrations and seeds the catalog, then exits; 0 = the schema
 * is current. Reads only DATABASE_URL (or PGLITE_DATA_DIR): a migration job needs no shop secrets.
 */
const databaseUrl = process.env.DATABASE_URL || undefined;
if (databaseUrl && !/^postgres(ql)?:\/\//.test(databaseUrl)) {
  console.error('Invalid configuration:\n  DATABASE_URL: must start with postgres://');
  process.exit(1);
}
try {
  const database = await openDatabase(
    databaseUrl
      ? { databaseUrl, poolSize: 1 }
      : { pgliteDataDir: pgliteDataDir({ PGLITE_DATA_DIR: process.env.PGLITE_DATA_DIR || undefined }) },
  );
  try {
    await migrateDatabase(database);
    await seedCatalog(database.db);
  } finally {
    await database.close();
  }
  console.log(`migrations applied (${databaseUrl ? 'PostgreSQL' : 'PGlite'})`);
} catch (error) {
  console.error(`migration failed: ${safeError(error).message}`);
  process.exit(1);
}
