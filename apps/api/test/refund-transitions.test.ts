import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { refunds } from '../src/db/schema.js';
import { createLogger } from '../src/logger.js';
import { REFUND_STATUSES, type RefundStatus } from '../src/refunds/status.js';
import {
  canTransitionRefund,
  REFUND_TRANSITIONS,
  refundStatusesInto,
  transitionRefund,
} from '../src/refunds/transitions.js';
import { DRIVERS, useTestDatabase } from './support/databases.js';
import { insertBareOrder } from './support/seed-order.js';

const log = createLogger('silent');

describe('the refund transition table', () => {
  it('has final completed/canceled/failed and never goes back to pending or created', () => {
    for (const status of ['completed', 'canceled', 'failed'] as const) {
      expect(REFUND_TRANSITIONS[status]).toEqual([]);
    }
    for (const from of REFUND_STATUSES) {
      expect(canTransitionRefund(from, 'pending')).toBe(false);
      if (from !== 'pending') expect(canTransitionRefund(from, 'created')).toBe(false);
    }
    expect(canTransitionRefund('created', 'completed')).toBe(true);
    expect(canTransitionRefund('pending', 'completed')).toBe(true);
    expect(canTransitionRefund('created', 'failed')).toBe(false);
    expect(refundStatusesInto('created')).toEqual(['pending']);
    expect(refundStatusesInto('completed')).toEqual(['pending', 'created']);
    expect(refundStatusesInto('pending')).toEqual([]);
  });
});

for (const driver of DRIVERS) {
  describe.skipIf(driver.skip)(`transitionRefund on ${driver.name}`, () => {
    const t = useTestDatabase(driver.name);

    async function insertRefund(status: RefundStatus) {
      const orderId = await insertBareOrder(t.database, 'paid');
      const id = randomUUID();
      await t.database.db
        .insert(refunds)
        .values({ id, orderId, lines: [], amount: 100, vatAmount: 0, status });
      return id;
    }
    const statusOf = async (id: string) =>
      (await t.database.db.select({ s: refunds.status }).from(refunds).where(eq(refunds.id, id)))[0]?.s;

    it('applies a legal change once with its patch, even when requested concurrently', async () => {
      const id = await insertRefund('created');
      const results = await Promise.all(
        Array.from({ length: 8 }, () =>
          transitionRefund(t.database.db, { refundId: id, to: 'completed', reason: 'test' }, log),
        ),
      );
      expect(results.filter((r) => r.outcome === 'applied')).toHaveLength(1);
      expect(results.filter((r) => r.outcome === 'unchanged')).toHaveLength(7);
      const [row] = await t.database.db.select().from(refunds).where(eq(refunds.id, id));
      expect(row?.status).toBe('completed');
      expect(row?.completedAt).not.toBeNull();
    });

    it('refuses to move a completed refund back to created and writes nothing', async () => {
      const id = await insertRefund('completed');
      const result = await transitionRefund(
        t.database.db,
        { refundId: id, to: 'created', reason: 'stale sync', patch: { invoiceboxRefundId: 'x' } },
        log,
      );
      expect(result).toEqual({ outcome: 'illegal', from: 'completed', to: 'created' });
      const [row] = await t.database.db.select().from(refunds).where(eq(refunds.id, id));
      expect(row).toMatchObject({ status: 'completed', invoiceboxRefundId: null });
    });

    it('misses when the status read under lock is stale, and says what it is now', async () => {
      const id = await insertRefund('completed');
      const result = await transitionRefund(
        t.database.db,
        { refundId: id, to: 'canceled', reason: 'stale', lockedStatus: 'created' },
        log,
      );
      expect(result).toEqual({ outcome: 'illegal', from: 'completed', to: 'canceled' });
      expect(await statusOf(id)).toBe('completed');
    });

    it('answers not_found for an unknown refund', async () => {
      expect(
        await transitionRefund(t.database.db, { refundId: randomUUID(), to: 'failed', reason: 'x' }, log),
      ).toEqual({ outcome: 'not_found' });
    });
  });
}
