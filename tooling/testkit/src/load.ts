export type LoadRun = {
  /** Calls that finished. */
  done: number;
  seconds: number;
  /** Milliseconds per finished call, sorted ascending (ready for `percentile`). */
  latencies: number[];
};

/**
 * Closed-loop load: `concurrency` loops call `worker(i)` for i = 0, 1, 2… until `limit` calls or the deadline,
 * whichever comes first, so every load here is bounded. A worker that throws stops the run.
 */
export async function runLoad(
  concurrency: number,
  limit: number,
  durationMs: number,
  worker: (i: number) => Promise<void>,
): Promise<LoadRun> {
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

/** Nearest-rank percentile of an ascending list; NaN when it is empty. */
export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}
