import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../src/db/client.js';
import { CONCURRENT_INDEXES } from '../src/db/concurrent-indexes.js';
import { assertMigrated, migrateDatabase, SchemaBehindError } from '../src/db/migrate.js';
import { openTestDatabase } from '../testing/index.js';
import { DRIVERS } from './support/databases.js';

for (const driver of DRIVERS) {
  describe.skipIf(driver.skip)(`staff-view indexes in the migrations (${driver.name})`, () => {
    let database: Database;
    let dispose: () => Promise<void>;
    beforeAll(async () => {
      ({ database, dispose } = await openTestDatabase(driver.name));
    });
    afterAll(() => dispose());

    const rows = async <T>(query: ReturnType<typeof sql>) => {
      const result = await database.db.execute(query);
      return (Array.isArray(result) ? result : (result as { rows: unknown[] }).rows) as T[];
    };
    /** name -> valid, for the listed indexes present. */
    const indexes = async () =>
      new Map(
        (
          await rows<{ name: string; valid: boolean }>(sql`
            SELECT c.relname AS name, i.indisvalid AS valid FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid
            WHERE c.relname IN ${CONCURRENT_INDEXES.map((index) => index.name)}`)
        ).map((row) => [row.name, row.valid]),
      );
    const trigrams = async () =>
      (
        await rows<{ n: number }>(sql`SELECT count(*)::int AS n FROM pg_extension WHERE extname = 'pg_trgm'`)
      )[0]?.n === 1;

    it('builds every index, trigram ones included, and runs again as a no-op', async () => {
      await migrateDatabase(database);
      await migrateDatabase(database);
      const built = await indexes();
      expect([...built.keys()].sort()).toEqual(CONCURRENT_INDEXES.map((index) => index.name).sort());
      expect([...built.values()].every(Boolean)).toBe(true);
      // Both drivers have the extension: PGlite is opened with its pg_trgm contrib.
      expect(await trigrams()).toBe(true);
      await expect(assertMigrated(database)).resolves.toBeUndefined();
    });

    it('notices a missing index at start without migrations, and the next migration builds it', async () => {
      await migrateDatabase(database);
      await database.db.execute(sql`DROP INDEX orders_status_created_idx`);
      await expect(assertMigrated(database)).rejects.toThrow(SchemaBehindError);
      await expect(assertMigrated(database)).rejects.toThrow(/orders_status_created_idx/);
      await migrateDatabase(database);
      expect((await indexes()).get('orders_status_created_idx')).toBe(true);
      await expect(assertMigrated(database)).resolves.toBeUndefined();
    });

    it('rebuilds an index left INVALID by an interrupted concurrent build', async () => {
      await migrateDatabase(database);
      // What a CREATE INDEX CONCURRENTLY killed half-way leaves behind: the index, marked invalid.
      await database.db.execute(
        sql`UPDATE pg_index SET indisvalid = false WHERE indexrelid = 'orders_created_idx'::regclass`,
      );
      await expect(assertMigrated(database)).rejects.toThrow(/orders_created_idx/);
      await migrateDatabase(database);
      expect((await indexes()).get('orders_created_idx')).toBe(true);
      await expect(assertMigrated(database)).resolves.toBeUndefined();
    });
  });
}
