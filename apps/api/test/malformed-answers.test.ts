import { count, eq } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import { orders, refunds } from '../src/db/schema.js';
import type { RunningApi } from '../src/server.js';
import { startTestApi } from '../testing/index.js';
import { type Garble, startCountingProxy } from './support/counting-proxy.js';
import { DRIVERS } from './support/databases.js';
import { checkoutInput, waitForStatus } from './support/fixtures.js';
import { useHarness } from './support/harness.js';

for (const driver of DRIVERS) {
  describe.skipIf(driver.skip)(`malformed answers from Invoicebox on ${driver.name}`, () => {
    const h = useHarness(driver.name);
    const closers: (() => Promise<void>)[] = [];
    afterAll(async () => {
      for (const close of closers) await close();
    });

    /** A second replica on the same database; Invoicebox does the work, but the matching answers arrive garbled. */
    async function replicaBehind(garble: Garble): Promise<RunningApi> {
      const proxy = await startCountingProxy(h.sandbox.url, garble);
      const replica = await startTestApi({
        database: h.database,
        sandbox: false,
        invoiceboxApiUrl: proxy.url,
      });
      closers.push(replica.close, proxy.close);
      return replica.api;
    }

    it('a garbled create answer is never half-applied: the order is looked up and adopted once', async () => {
      const api = await replicaBehind({
        request: /^POST \/v3\/billing\/api\/order\/order$/,
        body: '{"data":{"id":42,"status":["created"]}}',
      });
      const input = checkoutInput();
      const placed = await api.caller().orders.create(input);
      const [row] = await h.database.db.select().from(orders).where(eq(orders.id, placed.orderId));
      expect(row).toMatchObject({ status: 'awaiting_payment', createAttempts: 1 });
      expect(row?.invoiceboxOrderId).toMatch(/^[0-9a-f-]{36}$/);
      const remote = await h.sandboxControl.orders();
      expect(remote.filter((o) => o.merchantOrderId === placed.orderId)).toHaveLength(1);
    });

    it('a garbled refundable-lines answer is a BAD_GATEWAY naming the field, and writes no refund', async () => {
      const { orderId } = await h.http().orders.create.mutate(checkoutInput());
      await h.sandboxControl.pay(orderId);
      await waitForStatus(h.api, orderId, 'paid');
      const api = await replicaBehind({
        request: /^GET .*\/refund-basket-item$/,
        body: '{"data":[{"sku":"TEA-100","name":"Иван-чай","quantity":2,"amount":"много"}]}',
      });
      const staff = api.caller({ admin: true });
      await expect(staff.admin.refunds.refundable({ orderId })).rejects.toMatchObject({
        code: 'BAD_GATEWAY',
        message: expect.stringMatching(/data\[0\]\.amount/),
      });
      await expect(
        staff.admin.refunds.create({ orderId, lines: [{ sku: 'TEA-100', quantity: 1 }] }),
      ).rejects.toMatchObject({ code: 'BAD_GATEWAY' });
      const [written] = await h.database.db
        .select({ n: count() })
        .from(refunds)
        .where(eq(refunds.orderId, orderId));
      expect(written?.n).toBe(0);
      expect((await h.http().orders.byId.query({ id: orderId })).status).toBe('paid');
    });
  });
}
