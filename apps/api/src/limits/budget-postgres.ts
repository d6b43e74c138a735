import { sql } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import { callBudgets } from '../db/schema.js';
import { runPrepared } from '../lib/prepared.js';
import type { CallWindow, WindowTake } from './budget.js';

type Waiter = { resolve(take: WindowTake): void; reject(error: unknown): void };

/**
 * The sliding window as one row holding the times (database clock, ms) of the calls in the last window.
 * One statement locks the row, drops expired stamps and adds ours only if they fit, so the lock is held for
 * the statement alone (never across a round trip) and every replica's attempt is serialised on that row.
 * Its commit does not wait for the disk: a crash can forget the last few stamps, which only lets a few calls
 * more through once, while waiting for the disk would cost every Invoicebox call a flush.
 * Takes that arrive while this replica's statement is in flight go together in the next one: n slots for n
 * calls, all or none, so the count is exactly what a take per call would write.
 */
export async function postgresCallWindow(db: Db, name: string): Promise<CallWindow> {
  const ensureRow = () =>
    db.insert(callBudgets).values({ name }).onConflictDoNothing({ target: callBudgets.name });
  await ensureRow();

  async function take(allowed: number, windowMs: number, count: number): Promise<WindowTake> {
    const [row] = await runPrepared<{ now: number; taken: boolean; freeing: number | null }>(
      db,
      'call_budget_take',
      sql`
        WITH lazy_commit AS (
          SELECT set_config('synchronous_commit', 'off', true)
        ), current AS (
          SELECT calls, extract(epoch from clock_timestamp()) * 1000 AS now
          FROM call_budgets WHERE name = ${name} FOR UPDATE
        ), live AS (
          SELECT now, array(SELECT c FROM unnest(calls) AS c WHERE c > now - ${windowMs}::float8 ORDER BY c) AS calls
          FROM current
        ), taken AS (
          UPDATE call_budgets SET calls = live.calls || array_fill(live.now, ARRAY[${count}::int])
          FROM live
          WHERE call_budgets.name = ${name} AND cardinality(live.calls) + ${count}::int <= ${allowed}::int
          RETURNING 1
        )
        SELECT now::float8 AS now, EXISTS (SELECT 1 FROM taken) AS taken,
          calls[cardinality(calls) - ${allowed}::int + ${count}::int]::float8 AS freeing
        FROM live, lazy_commit`,
    );
    if (!row) {
      // Someone deleted the row (a wiped database): start a fresh window.
      await ensureRow();
      return take(allowed, windowMs, count);
    }
    if (row.taken) return { taken: true };
    // Room once enough of the oldest calls have left the window.
    const freeing = row.freeing ?? row.now;
    return { taken: false, retryInMs: Math.max(1, Math.ceil(freeing + windowMs - row.now)) };
  }

  const queues = new Map<string, { waiting: Waiter[]; running: boolean }>();

  async function drain(queue: { waiting: Waiter[]; running: boolean }, allowed: number, windowMs: number) {
    queue.running = true;
    while (queue.waiting.length > 0) {
      const batch = queue.waiting.splice(0);
      try {
        const together = await take(allowed, windowMs, batch.length);
        if (together.taken || batch.length === 1) {
          for (const waiter of batch) waiter.resolve(together);
          continue;
        }
        // Not room for all of them: one at a time, so those that fit still go.
        for (const waiter of batch) await take(allowed, windowMs, 1).then(waiter.resolve, waiter.reject);
      } catch (error) {
        for (const waiter of batch) waiter.reject(error);
      }
    }
    queue.running = false;
  }

  return {
    tryTake(allowed, windowMs) {
      return new Promise<WindowTake>((resolve, reject) => {
        const key = `${allowed}:${windowMs}`;
        let queue = queues.get(key);
        if (!queue) {
          queue = { waiting: [], running: false };
          queues.set(key, queue);
        }
        queue.waiting.push({ resolve, reject });
        if (!queue.running) void drain(queue, allowed, windowMs);
      });
    },
  };
}
