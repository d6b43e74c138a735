import { createServer } from 'node:net';
import postgres from 'postgres';
import { describe, expect, it } from 'vitest';
import { freePort, percentile, runLoad, scratchDatabase, waitUntil } from '../src/index.js';

const TEST_DATABASE_URL = process.env.TEST_DATABASE_URL;

describe('freePort', () => {
  it('gives a port a server can listen on', async () => {
    const port = await freePort();
    const server = createServer();
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, '127.0.0.1', resolve);
    });
    server.close();
  });
});

describe('runLoad', () => {
  it('stops at the call limit and hands out each index once', async () => {
    const seen: number[] = [];
    const run = await runLoad(4, 10, 10_000, async (i) => {
      seen.push(i);
    });
    expect(run.done).toBe(10);
    expect(seen.sort((a, b) => a - b)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(run.latencies).toHaveLength(10);
  });

  it('stops at the deadline', async () => {
    const run = await runLoad(2, 1_000_000, 100, () => new Promise((resolve) => setTimeout(resolve, 20)));
    expect(run.done).toBeLessThan(30);
  });
});

describe('percentile', () => {
  it('is the nearest rank', () => {
    const sorted = Array.from({ length: 100 }, (_, i) => i + 1);
    expect([percentile(sorted, 50), percentile(sorted, 99), percentile(sorted, 100)]).toEqual([50, 99, 100]);
    expect(percentile([7], 0)).toBe(7);
    expect(percentile([], 50)).toBeNaN();
  });
});

describe('waitUntil', () => {
  it('returns null when the check never holds', async () => {
    expect(await waitUntil(async () => false, 50, 10)).toBeNull();
  });
});

describe.skipIf(!TEST_DATABASE_URL)('scratchDatabase', () => {
  it('creates a database of its own and drops it', async () => {
    const scratch = await scratchDatabase(TEST_DATABASE_URL!, 'testkit');
    const name = new URL(scratch.url).pathname.slice(1);
    expect(name).toMatch(/^testkit_\d+_[0-9a-f]{8}$/);
    const sql = postgres(scratch.url, { max: 1 });
    expect((await sql`SELECT current_database() AS db`)[0]?.db).toBe(name);
    await sql.end();
    await scratch.drop();
    const admin = postgres(TEST_DATABASE_URL!, { max: 1 });
    expect(await admin`SELECT 1 FROM pg_database WHERE datname = ${name}`).toHaveLength(0);
    await admin.end();
  });
});
