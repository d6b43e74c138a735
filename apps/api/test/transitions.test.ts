import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Database } from '../src/db/client.js';
import { migrateDatabase } from '../src/db/migrate.js';
import { orderEvents, orders } from '../src/db/schema.js';
import { createLogger } from '../src/logger.js';
import { ORDER_STATUSES } from '../src/orders/status.js';
import { ALLOWED_TRANSITIONS, canTransition, transitionOrder } from '../src/orders/transitions.js';
import { DRIVERS, openTestDatabase, resetTables } from './support/databases.js';

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
});

for (const driver of DRIVERS) {
  describe.skipIf(driver.skip)(`transitionOrder on ${driver.name}`, () => {
    let database: Database;
    let dispose: () => Promise<void>;
    beforeAll(async () => {
      const opened = await openTestDatabase(driver.name);
      database = opened.database;
      dispose = opened.dispose;
      await migrateDatabase(database);
    });
    afterAll(() => dispose?.());
    beforeEach(() => resetTables(database));

    async function insertOrder(status: string) {
      const id = randomUUID();
      await database.db.insert(orders).values({
        id,
        status,
        customerType: 'private',
        customerName: 'Тест',
        customerEmail: 't@example.ru',
        customerPhone: '79000000000',
        amount: 100,
        vatAmount: 0,
        idempotencyKey: randomUUID(),
      });
      return id;
    }

    it('applies a legal change once with its event, even when requested concurrently', async () => {
      const id = await insertOrder('awaiting_payment');
      const results = await Promise.all(
        Array.from({ length: 8 }, () =>
          database.db.transaction((tx) =>
            transitionOrder(tx, { orderId: id, to: 'paid', source: 'sync', reason: 'test' }, log),
          ),
        ),
      );
      expect(results.filter((r) => r.outcome === 'applied')).toHaveLength(1);
      expect(results.filter((r) => r.outcome === 'unchanged')).toHaveLength(7);
      const events = await database.db.select().from(orderEvents).where(eq(orderEvents.orderId, id));
      expect(events).toMatchObject([{ fromStatus: 'awaiting_payment', toStatus: 'paid', source: 'sync' }]);
      const [row] = await database.db.select().from(orders).where(eq(orders.id, id));
      expect(row?.paidAt).toBeInstanceOf(Date);
    });

    it('refuses an illegal change and records nothing', async () => {
      const id = await insertOrder('paid');
      const result = await database.db.transaction((tx) =>
        transitionOrder(tx, { orderId: id, to: 'canceled', source: 'staff', reason: 'test' }, log),
      );
      expect(result).toEqual({ outcome: 'illegal', from: 'paid', to: 'canceled' });
      const [row] = await database.db.select().from(orders).where(eq(orders.id, id));
      expect(row?.status).toBe('paid');
      expect(await database.db.select().from(orderEvents)).toEqual([]);
    });
  });
}
