import { sql } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import { callBudgets } from '../db/schema.js';
import { runPrepared } from '../lib/prepared.js';
import type { CallWindow, WindowTake } from './budget.js';

type Waiter = { resolve(take: WindowTake): void; reject(error: unknown): void };

/** Slots per window: the count is kept per 1/60th of the window, so a row never holds more than 61 pairs. */
const SLOTS_PER_WINDOW = 60;
/** At most this many calls counted ahead of need in one statement. */
const MAX_AHEAD = 32;

/**
 * The window as one row holding, per slot of windowMs/60, how many calls were made in it: constant work and a
 * constant-size row whatever the budget (an array of every call's time grew with the calls of the last window).
 * A call counts until the END of its slot has left the window, so the count never undercounts a true sliding
 * window: the fleet never makes more than `allowed` calls in any windowMs; at worst a call waits one slot more.
 * The array holds pairs (-slot, calls): negative slot numbers keep them apart from the plain call times an older
 * replica writes (each side treats the other's entries as expired, so a rolling upgrade can at most let one
 * window's calls through twice), and the test reset (`calls = '{}'`) still empties it.
 * One statement locks the row, drops expired slots and adds ours only if they fit, so the lock is held for
 * the statement alone (never across a round trip) and every replica's attempt is serialised on that row.
 * Its commit does not wait for the disk: a crash can forget the last few calls, which only lets a few calls
 * more through once, while waiting for the disk would cost every Invoicebox call a flush.
 * Takes that arrive while this replica's statement is in flight go together in the next one: n calls, all or
 * none, so the count is exactly what a take per call would write. Under steady demand (more calls per slot than
 * one) a statement also counts the calls the last slot saw, to be used by the next takes of the same slot without
 * a statement each: the count then runs ahead of the calls by at most those, never behind.
 */
export async function postgresCallWindow(db: Db, name: string): Promise<CallWindow> {
  const ensureRow = () =>
    db.insert(callBudgets).values({ name }).onConflictDoNothing({ target: callBudgets.name });
  await ensureRow();

  async function take(
    allowed: number,
    windowMs: number,
    count: number,
  ): Promise<WindowTake & { slotLeftMs?: number }> {
    const slotMs = windowMs / SLOTS_PER_WINDOW;
    const [row] = await runPrepared<{ now: number; taken: boolean; freeing_slot: number | null }>(
      db,
      'call_budget_take_slots',
      sql`
        WITH lazy_commit AS (
          SELECT set_config('synchronous_commit', 'off', true)
        ), current AS (
          SELECT calls, extract(epoch from clock_timestamp()) * 1000 AS now
          FROM call_budgets WHERE name = ${name} FOR UPDATE
        ), clock AS (
          SELECT calls, now, floor(now / ${slotMs}::float8) AS slot,
            floor((now - ${windowMs}::float8) / ${slotMs}::float8) AS oldest
          FROM current
        ), live AS (
          SELECT -clock.calls[i] AS slot, clock.calls[i + 1] AS calls
          FROM clock, generate_subscripts(clock.calls, 1) AS i
          WHERE clock.calls[i] < 0 AND -clock.calls[i] >= clock.oldest
        ), used AS (
          SELECT coalesce(sum(calls), 0) AS calls FROM live
        ), kept AS (
          SELECT live.slot, live.calls + CASE WHEN live.slot = clock.slot THEN ${count}::int ELSE 0 END AS calls
          FROM live, clock
          UNION ALL
          SELECT clock.slot, ${count}::int FROM clock WHERE NOT EXISTS (SELECT 1 FROM live WHERE live.slot = clock.slot)
        ), taken AS (
          UPDATE call_budgets SET calls = (
            SELECT array_agg(pair.value ORDER BY kept.slot, pair.position)
            FROM kept, LATERAL (VALUES (1, -kept.slot), (2, kept.calls)) AS pair(position, value)
          )
          FROM used
          WHERE call_budgets.name = ${name} AND used.calls + ${count}::int <= ${allowed}::int
          RETURNING 1
        )
        SELECT clock.now::float8 AS now, EXISTS (SELECT 1 FROM taken) AS taken,
          (SELECT min(slot) FROM (SELECT slot, sum(calls) OVER (ORDER BY slot) AS running FROM live) AS oldest_first
           WHERE running >= used.calls + ${count}::int - ${allowed}::int)::float8 AS freeing_slot
        FROM clock, used, lazy_commit`,
    );
    if (!row) {
      // Someone deleted the row (a wiped database): start a fresh window.
      await ensureRow();
      return take(allowed, windowMs, count);
    }
    if (row.taken) return { taken: true, slotLeftMs: (Math.floor(row.now / slotMs) + 1) * slotMs - row.now };
    // Room once enough of the oldest slots have left the window (a slot leaves when its end does).
    const freeingAt = row.freeing_slot === null ? row.now : (row.freeing_slot + 1) * slotMs + windowMs;
    return { taken: false, retryInMs: Math.max(1, Math.ceil(freeingAt - row.now)) };
  }

  type Queue = {
    waiting: Waiter[];
    running: boolean;
    /** Calls already counted in the row for the current slot and not used yet, usable until `until` (local clock). */
    prepaid: { left: number; until: number };
    /** Takes asked for in this local slot and the one before: how many to count at once next time. */
    demand: { slot: number; current: number; previous: number };
  };
  const queues = new Map<string, Queue>();

  function noteDemand(queue: Queue, slotMs: number) {
    const slot = Math.floor(Date.now() / slotMs);
    const { demand } = queue;
    if (slot !== demand.slot) {
      demand.previous = slot === demand.slot + 1 ? demand.current : 0;
      demand.slot = slot;
      demand.current = 0;
    }
    demand.current++;
  }

  async function drain(queue: Queue, allowed: number, windowMs: number) {
    queue.running = true;
    while (queue.waiting.length > 0) {
      const batch = queue.waiting.splice(0);
      // Counted ahead: what the last slot asked for beyond what this one has already taken (this batch
      // included), at most half a slot's even share of the budget, and nothing while that share is under 4 calls
      // (Invoicebox's default of 100 per 30 s is counted call by call). What goes unused is counted but never
      // made: it can only keep the fleet further under the limit, and only when demand drops between slots.
      const { demand } = queue;
      const share = Math.floor(allowed / SLOTS_PER_WINDOW);
      const cap = share >= 4 ? Math.min(MAX_AHEAD, Math.floor(share / 2)) : 0;
      const extra = Math.max(0, Math.min(cap, demand.previous - demand.current));
      try {
        const sentAt = Date.now();
        const together = await take(allowed, windowMs, batch.length + extra);
        if (together.taken) {
          // Usable until the slot they were counted in ends, measured from before the statement was sent, so
          // a slow answer or a clock apart from the database's only shortens it.
          if (extra > 0) queue.prepaid = { left: extra, until: sentAt + (together.slotLeftMs ?? 0) };
          for (const waiter of batch) waiter.resolve({ taken: true });
          continue;
        }
        if (batch.length === 1 && extra === 0) {
          batch[0]!.resolve(together);
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
          queue = {
            waiting: [],
            running: false,
            prepaid: { left: 0, until: 0 },
            demand: { slot: 0, current: 0, previous: 0 },
          };
          queues.set(key, queue);
        }
        noteDemand(queue, windowMs / SLOTS_PER_WINDOW);
        if (queue.prepaid.left > 0 && Date.now() < queue.prepaid.until) {
          queue.prepaid.left--;
          resolve({ taken: true });
          return;
        }
        queue.waiting.push({ resolve, reject });
        if (!queue.running) void drain(queue, allowed, windowMs);
      });
    },
  };
}
