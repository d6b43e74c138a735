import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { notifications, orderEvents } from '../src/db/schema.js';
import { createLogger } from '../src/logger.js';
import { type RunningApi, startApi } from '../src/server.js';
import { TEST_DATABASE_URL } from './support/databases.js';
import { ADMIN_TOKEN, RELAXED_LIMITS, STOREFRONT_URL, useHarness } from './support/harness.js';
import { deliver, signed } from './support/notify.js';
import { seedAwaitingOrder } from './support/seed-order.js';

describe.skipIf(!TEST_DATABASE_URL)('100 concurrent deliveries over two replicas sharing PostgreSQL', () => {
  const h = useHarness('postgres', { sandbox: false });
  let replica: RunningApi;
  beforeAll(async () => {
    replica = await startApi({
      port: 0,
      databaseUrl: h.databaseUrl!,
      invoiceboxApiUrl: 'http://127.0.0.1:9',
      storefrontUrl: STOREFRONT_URL,
      adminToken: ADMIN_TOKEN,
      reconcileIntervalMs: false,
      logger: createLogger('silent'),
      limits: RELAXED_LIMITS,
    });
  });
  afterAll(() => replica?.close());

  it('changes the order exactly once and answers every copy with success', async () => {
    const { orderId, remote } = await seedAwaitingOrder(h.database);
    const { body, signature } = signed({ ...remote, status: 'completed' });

    const replies = await Promise.all(
      Array.from({ length: 100 }, (_, i) => deliver(i % 2 === 0 ? h.api.url : replica.url, body, signature)),
    );
    expect(replies.every((r) => r.http === 200 && r.answer.status === 'success')).toBe(true);

    const paidEvents = await h.database.db
      .select()
      .from(orderEvents)
      .where(and(eq(orderEvents.orderId, orderId), eq(orderEvents.toStatus, 'paid')));
    expect(paidEvents).toHaveLength(1);
    const recorded = await h.database.db
      .select()
      .from(notifications)
      .where(eq(notifications.orderId, orderId));
    expect(recorded).toHaveLength(1);
    expect(recorded[0]?.deliveries).toBe(100);
  });
});
