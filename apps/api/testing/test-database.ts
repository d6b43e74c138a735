import { scratchDatabase } from '@checkout/testkit';
import { sql } from 'drizzle-orm';
import { type Database, openDatabase } from '../src/db/client.js';

export type DriverName = 'pglite' | 'postgres';

/** A database of its own: an in-memory PGlite, or a scratch PostgreSQL database on `TEST_DATABASE_URL`. */
export type TestDatabase = { database: Database; url: string | undefined; dispose(): Promise<void> };

export async function openTestDatabase(driver: DriverName): Promise<TestDatabase> {
  if (driver === 'pglite') {
    const database = await openDatabase({});
    return { database, url: undefined, dispose: () => database.close() };
  }
  const adminUrl = process.env.TEST_DATABASE_URL;
  if (!adminUrl)
    throw new Error('TEST_DATABASE_URL is not set: no PostgreSQL server to make a scratch database on');
  const scratch = await scratchDatabase(adminUrl, 'api_test');
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
