import { randomBytes } from 'node:crypto';
import postgres from 'postgres';

/** A throw-away database on the server at adminUrl, dropped afterwards. */
export async function scratchDatabase(adminUrl: string): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `api_bench_${process.pid}_${randomBytes(3).toString('hex')}`;
  const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`CREATE DATABASE "${name}"`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      const cleanup = postgres(adminUrl, { max: 1, onnotice: () => {} });
      await cleanup.unsafe(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await cleanup.end();
    },
  };
}

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[index]!;
}

/** Runs `worker` from `concurrency` loops until the deadline or `limit` calls; returns calls done and seconds. */
export async function runLoad(
  concurrency: number,
  limit: number,
  durationMs: number,
  worker: (i: number) => Promise<void>,
): Promise<{ done: number; seconds: number }> {
  let next = 0;
  let done = 0;
  const started = performance.now();
  const deadline = started + durationMs;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < limit && performance.now() < deadline) {
        const i = next++;
        await worker(i);
        done++;
      }
    }),
  );
  return { done, seconds: (performance.now() - started) / 1000 };
}
