import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { orderEvents, orders } from '../src/db/schema.js';
import { createLogger } from '../src/logger.js';
import { ORDER_STATUSES } from '../src/orders/status.js';
import { ALLOWED_TRANSITIONS, canTransition, transitionOrder } from '../src/orders/transitions.js';
import { DRIVERS, useTestDatabase } from './support/databases.js';
import { insertBareOrder } from './support/seed-order.js';

const log = createLogger('silent');

describe('the transition table', () => {
  it('never leaves a final status and never goes back to pending', () => {
    for (const status of ['refunded', 'failed', 'canceled', 'expired'] as const) {
      expect(ALLOWED_TRANSITIONS[status]).toEqual([]);
    }
    for (const from of ORDER_STATUSES) expect(canTransition(from, 'pending')).toBe(false);
    expect(canTransition('paid', 'canceled')).toBe(false);
    expect(canTransition('awaiting_payment', 'paid')).toBe(true);
  });

  it('a hold is captured (paid) or released (canceled), and nothing else', () => {
    expect(canTransition('pending', 'held')).toBe(true);
    expect(canTransition('awaiting_payment', 'held')).toBe(true);
    expect(ALLOWED_TRANSITIONS.held).toEqual(['paid', 'canceled']);
    const intoHeld = ORDER_STATUSES.filter((from) => canTransition(from, 'held'));
    expect(intoHeld).toEqual(['pending', 'awaiting_payment']);
  });
});

for (const driver of DRIVERS) {
  describe.skipIf(driver.skip)(`transitionOrder on ${driver.name}`, () => {
    const t = useTestDatabase(driver.name);

    const insertOrder = (status: string) => insertBareOrder(t.database, status);

    it('applies a legal change once with its event, even when requested concurrently', async () => {
      const id = await insertOrder('awaiting_payment');
      const results = await Promise.all(
        Array.from({ length: 8 }, () =>
          t.database.db.transaction((tx) =>
            transitionOrder(tx, { orderId: id, to: 'paid', source: 'sync', reason: 'test' }, log),
          ),
        ),
      );
      expect(results.filter((r) => r.outcome === 'applied')).toHaveLength(1);
      expect(results.filter((r) => r.outcome === 'unchanged')).toHaveLength(7);
      const events = await t.database.db.select().from(orderEvents).where(eq(orderEvents.orderId, id));
      expect(events).toMatchObject([{ fromStatus: 'awaiting_payment', toStatus: 'paid', source: 'sync' }]);
      const [row] = await t.database.db.select().from(orders).where(eq(orders.id, id));
      expect(row?.paidAt).toBeInstanceOf(Date);
    });

    it('held -> paid keeps the moment the money was held as paidAt', async () => {
      const id = await insertOrder('awaiting_payment');
      const heldAt = new Date('2026-11-30T07:00:00.000Z');
      await t.database.db.transaction((tx) =>
        transitionOrder(
          tx,
          { orderId: id, to: 'held', source: 'notification', reason: 'test', patch: { paidAt: heldAt } },
          log,
        ),
      );
      const captured = await t.database.db.transaction((tx) =>
        transitionOrder(
          tx,
          {
            orderId: id,
            to: 'paid',
            source: 'notification',
            reason: 'test',
            patch: { paidAt: new Date('2026-12-01T07:00:00.000Z') },
          },
          log,
        ),
      );
      expect(captured).toEqual({ outcome: 'applied', from: 'held', to: 'paid' });
      const [row] = await t.database.db.select().from(orders).where(eq(orders.id, id));
      expect(row?.paidAt).toEqual(heldAt);
      const late = await t.database.db.transaction((tx) =>
        transitionOrder(tx, { orderId: id, to: 'held', source: 'sync', reason: 'test' }, log),
      );
      expect(late).toEqual({ outcome: 'illegal', from: 'paid', to: 'held' });
    });

    it('refuses an illegal change and records nothing', async () => {
      const id = await insertOrder('paid');
      const result = await t.database.db.transaction((tx) =>
        transitionOrder(tx, { orderId: id, to: 'canceled', source: 'staff', reason: 'test' }, log),
      );
      expect(result).toEqual({ outcome: 'illegal', from: 'paid', to: 'canceled' });
      const [row] = await t.database.db.select().from(orders).where(eq(orders.id, id));
      expect(row?.status).toBe('paid');
      expect(await t.database.db.select().from(orderEvents)).toEqual([]);
    });
  });
}
