import { eq, sql } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import { callBudgets } from '../db/schema.js';
import type { CallWindow, WindowTake } from './budget.js';

/**
 * The sliding window as one row holding the times (database clock, ms) of the calls in the last window.
 * SELECT … FOR UPDATE serialises every replica's attempt on that row; at most `limit` stamps are ever kept.
 */
export async function postgresCallWindow(db: Db, name: string): Promise<CallWindow> {
  const ensureRow = () =>
    db.insert(callBudgets).values({ name }).onConflictDoNothing({ target: callBudgets.name });
  await ensureRow();
  const tryTake = (allowed: number, windowMs: number): Promise<WindowTake> =>
    db
      .transaction(async (tx): Promise<WindowTake | null> => {
        const [row] = await tx
          .select({
            calls: callBudgets.calls,
            now: sql<number>`extract(epoch from clock_timestamp()) * 1000`.mapWith(Number),
          })
          .from(callBudgets)
          .where(eq(callBudgets.name, name))
          .for('update');
        if (!row) return null;
        const live = row.calls.filter((at) => at > row.now - windowMs).sort((a, b) => a - b);
        if (live.length >= allowed) {
          // Room for this priority once enough of the oldest calls have left the window.
          const freeing = live[live.length - allowed] ?? row.now;
          return { taken: false, retryInMs: Math.max(1, Math.ceil(freeing + windowMs - row.now)) };
        }
        await tx
          .update(callBudgets)
          .set({ calls: [...live, row.now] })
          .where(eq(callBudgets.name, name));
        return { taken: true };
      })
      .then(async (result) => {
        if (result) return result;
        // Someone deleted the row (a wiped database): start a fresh window.
        await ensureRow();
        return tryTake(allowed, windowMs);
      });
  return { tryTake };
}
