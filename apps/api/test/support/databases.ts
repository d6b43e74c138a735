import { afterAll, beforeAll, beforeEach } from 'vitest';
import type { Database } from '../../src/db/client.js';
import { migrateDatabase } from '../../src/db/migrate.js';
import { type DriverName, openTestDatabase, resetTables, type TestDatabase } from '../../testing/index.js';

export const TEST_DATABASE_URL = process.env.TEST_DATABASE_URL;

if (!TEST_DATABASE_URL) {
  console.warn('[api tests] TEST_DATABASE_URL is not set: the PostgreSQL variant of the suite is SKIPPED.');
}

/** The drivers this run covers; PostgreSQL only when TEST_DATABASE_URL points at a server. */
export const DRIVERS: { name: DriverName; skip: boolean }[] = [
  { name: 'pglite', skip: false },
  { name: 'postgres', skip: !TEST_DATABASE_URL },
];

/** A migrated database on the driver for the enclosing describe (no API), emptied before every test. */
export function useTestDatabase(driver: DriverName): { readonly database: Database } {
  let opened: TestDatabase | undefined;
  beforeAll(async () => {
    opened = await openTestDatabase(driver);
    await migrateDatabase(opened.database);
  });
  afterAll(() => opened?.dispose());
  beforeEach(() => resetTables(opened!.database));
  return {
    get database() {
      return opened!.database;
    },
  };
}
