import { mkdirSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { sql } from 'drizzle-orm';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { drizzle as drizzlePostgres } from 'drizzle-orm/postgres-js';
import postgres from 'postgres';
import * as schema from './schema.js';

export type Schema = typeof schema;
/** Either driver: PGlite and postgres.js share drizzle's PgDatabase surface. */
export type Db = PgDatabase<PgQueryResultHKT, Schema>;
export type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];
export type DbOrTx = Db | Tx;

export type Database = {
  db: Db;
  driver: 'postgres' | 'pglite';
  /** True when a trivial query answers: used by /readyz. */
  ping(): Promise<boolean>;
  close(): Promise<void>;
  /** Runs fn holding a session-level advisory lock (migrations from several replicas at once). */
  withMigrationLock<T>(fn: (db: Db) => Promise<T>): Promise<T>;
};

export type DatabaseOptions = { databaseUrl?: string; pgliteDataDir?: string; poolSize?: number };

const MIGRATION_LOCK_KEY = 724_011_001;

export async function openDatabase(opts: DatabaseOptions): Promise<Database> {
  if (opts.databaseUrl) return openPostgres(opts.databaseUrl, opts.poolSize ?? 10);
  return openPglite(opts.pgliteDataDir);
}

function openPostgres(url: string, max: number): Database {
  // Quiet NOTICEs (e.g. "relation already exists, skipping" from the migrator).
  const client = postgres(url, {
    max,
    onnotice: () => {},
    connect_timeout: 5,
    // postgres.js's default back-off grows to 20 s between reconnects, and queued queries wait for it: during
    // an outage requests would hang instead of failing fast, and recovery would lag. Capped at 0.5 s (seconds).
    backoff: (attempt: number) => Math.min(0.05 * 2 ** attempt, 0.5),
  });
  const db = drizzlePostgres({ client, schema }) as unknown as Db;
  return {
    db,
    driver: 'postgres',
    ping: () => pingDb(db),
    close: () => client.end({ timeout: 5 }),
    async withMigrationLock(fn) {
      // A single-connection client so the session lock and the migration share one session.
      const single = postgres(url, { max: 1, onnotice: () => {} });
      try {
        await single`SELECT pg_advisory_lock(${MIGRATION_LOCK_KEY})`;
        return await fn(drizzlePostgres({ client: single, schema }) as unknown as Db);
      } finally {
        await single`SELECT pg_advisory_unlock(${MIGRATION_LOCK_KEY})`.catch(() => {});
        await single.end({ timeout: 5 });
      }
    },
  };
}

async function openPglite(dataDir: string | undefined): Promise<Database> {
  if (dataDir && !dataDir.startsWith('memory://')) mkdirSync(dataDir, { recursive: true });
  // pg_trgm ships with PGlite: staff search by any part of an e-mail or phone gets its trigram indexes here too.
  const client = new PGlite({ dataDir, extensions: { pg_trgm } });
  await client.waitReady;
  const db = drizzlePglite({ client, schema }) as unknown as Db;
  return {
    db,
    driver: 'pglite',
    ping: () => pingDb(db),
    close: () => client.close(),
    // One embedded instance belongs to one process: nothing to race with.
    withMigrationLock: (fn) => fn(db),
  };
}

async function pingDb(db: Db): Promise<boolean> {
  try {
    await db.execute(sql`SELECT 1`);
    return true;
  } catch {
    return false;
  }
}
