import { randomBytes } from 'node:crypto';
import { sql } from 'drizzle-orm';
import postgres from 'postgres';
import { type Database, openDatabase } from '../../src/db/client.js';

export type DriverName = 'pglite' | 'postgres';

export const TEST_DATABASE_URL = process.env.TEST_DATABASE_URL;

if (!TEST_DATABASE_URL) {
  console.warn('[api tests] TEST_DATABASE_URL is not set: the PostgreSQL variant of the suite is SKIPPED.');
}

/** The drivers this run covers; PostgreSQL only when TEST_DATABASE_URL points at a server. */
export const DRIVERS: { name: DriverName; skip: boolean }[] = [
  { name: 'pglite', skip: false },
  { name: 'postgres', skip: !TEST_DATABASE_URL },
];

/** A fresh database on the test server for this file, so parallel runs and workers never collide. */
export async function createScratchDatabase(): Promise<{ url: string; drop(): Promise<void> }> {
  if (!TEST_DATABASE_URL) throw new Error('TEST_DATABASE_URL is not set');
  const name = `api_test_${process.pid}_${randomBytes(4).toString('hex')}`;
  const admin = postgres(TEST_DATABASE_URL, { max: 1, onnotice: () => {} });
  await admin.unsafe(`CREATE DATABASE "${name}"`);
  await admin.end();
  const url = new URL(TEST_DATABASE_URL);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      const cleanup = postgres(TEST_DATABASE_URL, { max: 1, onnotice: () => {} });
      await cleanup.unsafe(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await cleanup.end();
    },
  };
}

/** One database per test file and driver: an in-memory PGlite, or a scratch PostgreSQL database. */
export async function openTestDatabase(
  driver: DriverName,
): Promise<{ database: Database; url?: string; dispose(): Promise<void> }> {
  if (driver === 'pglite') {
    const database = await openDatabase({});
    return { database, dispose: () => database.close() };
  }
  const scratch = await createScratchDatabase();
  const database = await openDatabase({ databaseUrl: scratch.url, poolSize: 10 });
  return {
    database,
    url: scratch.url,
    async dispose() {
      await database.close();
      await scratch.drop();
    },
  };
}

/** Empties every order table (the catalog stays) and restarts the order numbers. */
export async function resetTables(database: Database): Promise<void> {
  await database.db.execute(
    sql`TRUNCATE orders, order_lines, notifications, order_events, refunds, refund_requests RESTART IDENTITY CASCADE`,
  );
  // The budget row stays (each API made it at start); only the calls made so far are forgotten.
  await database.db.execute(sql`UPDATE call_budgets SET calls = '{}'`);
}
