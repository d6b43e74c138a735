import { randomUUID } from 'node:crypto';
import { eq, sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { orders, refunds } from '../src/db/schema.js';
import { claimDueOrders } from '../src/due-orders.js';
import type { RefundStatus } from '../src/refunds/status.js';
import { DRIVERS, useTestDatabase } from './support/databases.js';
import { insertBareOrder } from './support/seed-order.js';

const HOUR = 3_600_000;

for (const driver of DRIVERS) {
  describe.skipIf(driver.skip)(`the reconciler's claim of due orders (${driver.name})`, () => {
    const t = useTestDatabase(driver.name);
    const db = () => t.database.db;

    /** An order in `status`, last changed `agoMs` ago. */
    async function order(status: string, agoMs: number) {
      const id = await insertBareOrder(t.database, status);
      await db()
        .update(orders)
        .set({ updatedAt: new Date(Date.now() - agoMs) })
        .where(eq(orders.id, id));
      return id;
    }
    /** A refund of the order in `status`, last changed `agoMs` ago. */
    async function openRefund(orderId: string, status: RefundStatus = 'created', agoMs = HOUR) {
      await db()
        .insert(refunds)
        .values({
          id: randomUUID(),
          orderId,
          lines: [],
          amount: 100,
          vatAmount: 0,
          status,
          updatedAt: new Date(Date.now() - agoMs),
        });
    }

    it('claims unsettled orders and orders with a refund in flight, once untouched for minAgeMs', async () => {
      const awaiting = await order('awaiting_payment', 3 * HOUR);
      const pending = await order('pending', 2 * HOUR);
      const held = await order('held', 2 * HOUR);
      const refunding = await order('paid', 5 * HOUR);
      await openRefund(refunding);
      // Two refunds in flight on one order: the order is handed out once.
      const twice = await order('partially_refunded', 5 * HOUR);
      await openRefund(twice, 'pending');
      await openRefund(twice, 'created', 2 * HOUR);
      const fresh = await order('awaiting_payment', 1_000);
      const paid = await order('paid', 4 * HOUR);
      await openRefund(paid, 'completed');
      // The refund's own age counts, not the order's: one just asked for is not due yet.
      const justRefunding = await order('paid', 4 * HOUR);
      await openRefund(justRefunding, 'created', 1_000);
      const claimed = await claimDueOrders(db(), { minAgeMs: 60_000, batchSize: 20 });
      expect(claimed.sort()).toEqual([awaiting, pending, held, refunding, twice].sort());
      expect(claimed).not.toContain(fresh);
      // Stamped: not due again for minAgeMs, whatever their age.
      expect(await claimDueOrders(db(), { minAgeMs: 60_000, batchSize: 20 })).toEqual([]);
    });

    it('takes the least recently touched first, so every due order gets its turn', async () => {
      // Oldest change first would hand the same two oldest orders to every pass once their stamps aged.
      const ids: string[] = [];
      for (let i = 0; i < 5; i++) ids.push(await order('awaiting_payment', (10 - i) * HOUR));
      const passes = [];
      for (let i = 0; i < 3; i++) passes.push(await claimDueOrders(db(), { minAgeMs: 0, batchSize: 2 }));
      const sorted = passes.map((pass) => [...pass].sort());
      expect(sorted[0]).toEqual([ids[0], ids[1]].sort());
      expect(sorted[1]).toEqual([ids[2], ids[3]].sort());
      // The last one waiting, then one checked in the first pass: the back of the queue.
      expect(sorted[2]).toHaveLength(2);
      expect(sorted[2]).toContain(ids[4]);
      expect(new Set(passes.flat())).toEqual(new Set(ids));
    });

    it('never hands one order to two replicas claiming at once', async () => {
      const ids: string[] = [];
      for (let i = 0; i < 30; i++) ids.push(await order('awaiting_payment', HOUR + i * 1_000));
      const claims = await Promise.all(
        Array.from({ length: 4 }, () => claimDueOrders(db(), { minAgeMs: 60_000, batchSize: 10 })),
      );
      const all = claims.flat();
      expect(new Set(all).size).toBe(all.length);
      expect(all.length).toBe(30);
      const [stamped] = await db()
        .execute(sql`SELECT count(*)::int AS n FROM orders WHERE checked_at IS NOT NULL`)
        .then((r) => (Array.isArray(r) ? r : (r as { rows: unknown[] }).rows) as { n: number }[]);
      expect(stamped?.n).toBe(30);
    });
  });
}
