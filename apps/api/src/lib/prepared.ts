import type { SQL } from 'drizzle-orm';
import { PgDialect } from 'drizzle-orm/pg-core';
import type { DbOrTx } from '../db/client.js';

const dialect = new PgDialect();

/** postgres.js's Sql (or a transaction's): the one client that has `unsafe`. */
type PostgresJsClient = {
  unsafe(query: string, params: unknown[], options: { prepare: boolean }): Promise<unknown[]>;
};

/**
 * Runs a hand-written statement as a prepared statement the driver keeps per connection: db.execute() would ask
 * the server to describe the statement before every run, doubling the round trips on the busiest paths. On
 * postgres.js it goes straight to the client (of the transaction, inside one): drizzle's prepared-query wrapper
 * adds four promise layers per statement for tracing and caching we do not use, measurable on the webhook and
 * checkout hot paths. Rows come back as the database names them (snake_case).
 */
export async function runPrepared<Row>(db: DbOrTx, name: string, statement: SQL): Promise<Row[]> {
  const query = dialect.sqlToQuery(statement);
  const session = db._.session as unknown as { client?: Partial<PostgresJsClient> };
  const client = session.client;
  if (typeof client?.unsafe === 'function')
    return (await (client as PostgresJsClient).unsafe(query.sql, query.params, { prepare: true })) as Row[];
  const result = await db._.session.prepareQuery(query, undefined, name, false).execute();
  // PGlite returns an object with .rows.
  return (result as { rows: Row[] }).rows;
}
