import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import type { Db } from '../src/db/client.js';
import { callBudgets } from '../src/db/schema.js';
import { postgresCallWindow } from '../src/limits/budget-postgres.js';
import { DRIVERS, useTestDatabase } from './support/databases.js';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * The same database, counting the statements sent through it: drizzle's queries go through session.prepareQuery,
 * runPrepared's go straight to postgres.js's client.unsafe.
 */
function countingStatements(db: Db) {
  let statements = 0;
  const counting = <T extends object>(target: T, method: string): T =>
    new Proxy(target, {
      get(inner, property) {
        const value = Reflect.get(inner, property);
        if (typeof value !== 'function') return value;
        if (property !== method) return value.bind(inner);
        return (...args: unknown[]) => {
          statements++;
          return value.apply(inner, args);
        };
      },
    });
  const session = new Proxy(db._.session, {
    get(target, property) {
      const value = Reflect.get(target, property);
      if (property === 'client' && typeof value?.unsafe === 'function') return counting(value, 'unsafe');
      if (typeof value !== 'function') return value;
      if (property !== 'prepareQuery') return value.bind(target);
      return (...args: unknown[]) => {
        statements++;
        return value.apply(target, args);
      };
    },
  });
  const internals = { ...db._, session };
  const counted = new Proxy(db, {
    get: (target, property) => (property === '_' ? internals : Reflect.get(target, property)),
  });
  return { db: counted, statements: () => statements };
}

for (const driver of DRIVERS) {
  describe.skipIf(driver.skip)(`the Invoicebox call window in the database on ${driver.name}`, () => {
    const h = useTestDatabase(driver.name);

    /** Calls the row counts in its live slots (pairs of -slot, calls). */
    const counted = async (name: string) => {
      const [row] = await h.database.db.select().from(callBudgets).where(eq(callBudgets.name, name));
      const pairs = row?.calls ?? [];
      let sum = 0;
      for (let i = 0; i + 1 < pairs.length; i += 2) if (pairs[i]! < 0) sum += pairs[i + 1]!;
      return sum;
    };

    /** `calls` takes at a steady pace over about `ms`, one at a time, as a busy replica makes them. */
    const steady = async (take: () => Promise<{ taken: boolean }>, calls: number, ms: number) => {
      let taken = 0;
      for (let i = 0; i < calls; i++) {
        if ((await take()).taken) taken++;
        await sleep(ms / calls);
      }
      return taken;
    };

    it('under steady demand counts the calls a slot will make in one statement, never fewer than it makes', async () => {
      const db = countingStatements(h.database.db);
      const window = await postgresCallWindow(db.db, 'steady');
      const before = db.statements();
      // 60,000 per minute: a slot is 1 s and half its even share 500, so up to 32 may be counted ahead.
      const made = await steady(() => window.tryTake(60_000, 60_000), 300, 3_000);
      expect(made).toBe(300);
      // About 100 calls a slot: the first slot takes one statement per call, the next ones one per 32 calls.
      expect(db.statements() - before).toBeLessThan(200);
      const count = await counted('steady');
      expect(count).toBeGreaterThanOrEqual(made);
      // Ahead only by what a slot asked for beyond the next: a little over the calls made, on an uneven pace.
      expect(count).toBeLessThan(made * 1.5);
    });

    it('a small budget is counted call by call, and refuses exactly at its limit', async () => {
      const db = countingStatements(h.database.db);
      const window = await postgresCallWindow(db.db, 'small');
      const before = db.statements();
      // 100 per 30 s (Invoicebox's default): less than one call per slot, so nothing is counted ahead.
      const made = await steady(() => window.tryTake(100, 30_000), 40, 400);
      expect(made).toBe(40);
      expect(db.statements() - before).toBe(40);
      expect(await counted('small')).toBe(40);
      const rest = await Promise.all(Array.from({ length: 70 }, () => window.tryTake(100, 30_000)));
      expect(rest.filter((r) => r.taken)).toHaveLength(60);
      expect(await counted('small')).toBe(100);
    });

    it('two replicas sharing the row stay within the limit together', async () => {
      const [a, b] = [
        await postgresCallWindow(h.database.db, 'shared'),
        await postgresCallWindow(h.database.db, 'shared'),
      ];
      // 600 a minute: 10 per 1 s slot, so each counts up to 5 ahead once its demand is steady. Together they
      // ask for 800 well within one window.
      const takes = await Promise.all([
        steady(() => a.tryTake(600, 60_000), 400, 2_000),
        steady(() => b.tryTake(600, 60_000), 400, 2_000),
      ]);
      expect(takes[0] + takes[1]).toBeLessThanOrEqual(600);
      expect(await counted('shared')).toBeLessThanOrEqual(600);
      expect(await counted('shared')).toBeGreaterThanOrEqual(takes[0] + takes[1]);
    });
  });
}
