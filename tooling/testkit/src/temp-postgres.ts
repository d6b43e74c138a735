import { execFile, execFileSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import postgres from 'postgres';
import { freePort } from './free-port.js';

const run = promisify(execFile);

export type TempPostgres = {
  port: number;
  /** postgres://postgres@127.0.0.1:<port>/<database> */
  url(database?: string): string;
  createDatabase(name: string): Promise<string>;
  /** Fast shutdown: sessions are ended cleanly. */
  stop(): Promise<void>;
  /** Immediate shutdown: what a crash or a pulled plug looks like to the clients. */
  kill(): Promise<void>;
  start(): Promise<void>;
  /** Stops the server and deletes its folder. */
  destroy(): Promise<void>;
};

function binDir(): string {
  try {
    const dir = execFileSync('pg_config', ['--bindir'], { encoding: 'utf8' }).trim();
    if (existsSync(join(dir, 'initdb'))) return dir;
  } catch {
    // pg_config is in postgresql-server-dev / libpq-dev, not always installed.
  }
  const root = '/usr/lib/postgresql';
  const versions = existsSync(root)
    ? readdirSync(root)
        .filter((v) => existsSync(join(root, v, 'bin', 'initdb')))
        .sort((a, b) => Number(b) - Number(a))
    : [];
  if (!versions[0]) throw new Error('PostgreSQL server binaries not found (apt-get install -y postgresql)');
  return join(root, versions[0], 'bin');
}

const isRoot = process.getuid?.() === 0;
/** initdb refuses to run as root: as root the server runs as the postgres user. */
function asServerUser(file: string, args: string[]) {
  return isRoot ? run('runuser', ['-u', 'postgres', '--', file, ...args]) : run(file, args);
}
function asServerUserSync(file: string, args: string[]) {
  execFileSync(isRoot ? 'runuser' : file, isRoot ? ['-u', 'postgres', '--', file, ...args] : args, {
    stdio: 'ignore',
  });
}

const live = new Set<string>();
// A drill that throws must not leave a PostgreSQL running in /tmp behind it.
process.once('exit', () => {
  for (const dir of live) {
    try {
      asServerUserSync(join(binDir(), 'pg_ctl'), ['-D', join(dir, 'data'), '-m', 'immediate', 'stop']);
    } catch {}
    rmSync(dir, { recursive: true, force: true });
  }
});

/** A private PostgreSQL on 127.0.0.1 and its own port, in a temporary folder (initdb + pg_ctl, about 1 s). */
export async function startTempPostgres(): Promise<TempPostgres> {
  const bin = binDir();
  const dir = mkdtempSync(join(tmpdir(), 'checkout-pg-'));
  if (isRoot) {
    const { uid, gid } = postgresIds();
    chownSync(dir, uid, gid);
  }
  const data = join(dir, 'data');
  const port = await freePort();
  await asServerUser(join(bin, 'initdb'), [
    '-D',
    data,
    '-A',
    'trust',
    '-U',
    'postgres',
    '--no-sync',
    '-E',
    'UTF8',
  ]);
  live.add(dir);
  const pgCtl = (...args: string[]) => asServerUser(join(bin, 'pg_ctl'), ['-D', data, ...args]);
  const start = async () => {
    await pgCtl(
      '-o',
      `-p ${port} -c listen_addresses=127.0.0.1 -k ${dir} -c max_connections=200`,
      '-l',
      join(dir, 'log'),
      '-w',
      '-t',
      '30',
      'start',
    );
  };
  await start();
  const url = (database = 'postgres') => `postgres://postgres@127.0.0.1:${port}/${database}`;
  return {
    port,
    url,
    async createDatabase(name) {
      const admin = postgres(url(), { max: 1, onnotice: () => {} });
      try {
        await admin.unsafe(`CREATE DATABASE "${name}"`);
      } finally {
        await admin.end({ timeout: 5 });
      }
      return url(name);
    },
    stop: async () => {
      await pgCtl('-m', 'fast', '-w', 'stop');
    },
    kill: async () => {
      await pgCtl('-m', 'immediate', '-w', 'stop');
    },
    start,
    async destroy() {
      await pgCtl('-m', 'immediate', '-w', 'stop').catch(() => undefined);
      live.delete(dir);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

function postgresIds(): { uid: number; gid: number } {
  const uid = Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).trim());
  const gid = Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).trim());
  return { uid, gid };
}
