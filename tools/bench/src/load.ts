/** Runs `worker` from `concurrency` loops until `limit` calls or the deadline; every loop in this package is bounded. */
export async function runLoad(
  concurrency: number,
  limit: number,
  durationMs: number,
  worker: (i: number) => Promise<void>,
): Promise<{ done: number; seconds: number; latencies: number[] }> {
  let next = 0;
  let done = 0;
  const latencies: number[] = [];
  const started = performance.now();
  const deadline = started + durationMs;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < limit && performance.now() < deadline) {
        const i = next++;
        const t = performance.now();
        await worker(i);
        latencies.push(performance.now() - t);
        done++;
      }
    }),
  );
  latencies.sort((a, b) => a - b);
  return { done, seconds: (performance.now() - started) / 1000, latencies };
}

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Polls `check` until it returns true or the deadline passes; returns the milliseconds it took (or null). */
export async function waitUntil(
  check: () => Promise<boolean>,
  timeoutMs: number,
  intervalMs = 200,
): Promise<number | null> {
  const started = performance.now();
  while (performance.now() - started < timeoutMs) {
    if (await check().catch(() => false)) return performance.now() - started;
    await sleep(intervalMs);
  }
  return null;
}
