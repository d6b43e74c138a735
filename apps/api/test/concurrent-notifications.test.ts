import { signedTestNotification } from '@checkout/invoicebox/testing';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { notifications, orderEvents } from '../src/db/schema.js';
import { deliverNotification, startTestApi, TEST_SIGNING, type TestApi } from '../testing/index.js';
import { TEST_DATABASE_URL } from './support/databases.js';
import { useHarness } from './support/harness.js';
import { seedAwaitingOrder } from './support/seed-order.js';

describe.skipIf(!TEST_DATABASE_URL)('100 concurrent deliveries over two replicas sharing PostgreSQL', () => {
  const h = useHarness('postgres', { sandbox: false });
  let replica: TestApi;
  beforeAll(async () => {
    // Its own connection pool on the same database, as a second process would have.
    replica = await startTestApi({ databaseUrl: h.databaseUrl!, sandbox: false });
  });
  afterAll(() => replica?.close());

  it('changes the order exactly once and answers every copy with success', async () => {
    const { orderId, remote } = await seedAwaitingOrder(h.database);
    const request = signedTestNotification({ ...remote, status: 'completed' }, TEST_SIGNING);

    const replies = await Promise.all(
      Array.from({ length: 100 }, (_, i) =>
        deliverNotification(i % 2 === 0 ? h.api.url : replica.url, request),
      ),
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
