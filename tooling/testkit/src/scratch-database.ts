import { randomBytes } from 'node:crypto';
import postgres from 'postgres';

export type ScratchDatabase = {
  /** The new database on the same server, same credentials. */
  url: string;
  /** Drops it, closing whatever sessions are still open on it. */
  drop(): Promise<void>;
};

async function asAdmin(adminUrl: string, statement: string): Promise<void> {
  const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
  try {
    await admin.unsafe(statement);
  } finally {
    await admin.end();
  }
}

/**
 * A throw-away database on the PostgreSQL server at `adminUrl`, named `<prefix>_<pid>_<random>` so parallel
 * runs and workers never collide.
 */
export async function scratchDatabase(adminUrl: string, prefix = 'scratch'): Promise<ScratchDatabase> {
  const name = `${prefix}_${process.pid}_${randomBytes(4).toString('hex')}`;
  await asAdmin(adminUrl, `CREATE DATABASE "${name}"`);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: () => asAdmin(adminUrl, `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`),
  };
}
