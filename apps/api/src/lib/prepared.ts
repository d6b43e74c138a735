import type { SQL } from 'drizzle-orm';
import { PgDialect } from 'drizzle-orm/pg-core';
import type { DbOrTx } from '../db/client.js';

const dialect = new PgDialect();

/**
 * Runs a hand-written statement as a NAMED prepared statement, so postgres.js keeps it prepared per connection:
 * db.execute() would ask the server to describe the statement before every run, doubling the round trips on the
 * busiest paths. Rows come back as the database names them (snake_case).
 */
export async function runPrepared<Row>(db: DbOrTx, name: string, statement: SQL): Promise<Row[]> {
  const result = await db._.session
    .prepareQuery(dialect.sqlToQuery(statement), undefined, name, false)
    .execute();
  // postgres.js returns an array of rows, PGlite an object with .rows.
  return (Array.isArray(result) ? result : (result as { rows: unknown[] }).rows) as Row[];
}
