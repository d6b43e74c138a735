import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { FieldErrors, InvalidState, NotFound } from '../src/errors.js';
import { createLogger } from '../src/logger.js';
import { syncOrder } from '../src/orders/sync-order.js';
import { requireRefundableOrder } from '../src/refunds/refundable.js';
import { DRIVERS } from './support/databases.js';
import { checkoutInput } from './support/fixtures.js';
import { useHarness } from './support/harness.js';

const log = createLogger('silent');

for (const driver of DRIVERS) {
  describe.skipIf(driver.skip)(`domain errors on ${driver.name}`, () => {
    const h = useHarness(driver.name);

    it('are plain classes when the domain is called with no tRPC around it (as the reconciler does)', async () => {
      const missing = randomUUID();
      await expect(syncOrder(h.api.deps, missing, 'reconciler', log)).rejects.toThrow(NotFound);
      await expect(syncOrder(h.api.deps, missing, 'reconciler', log)).rejects.toThrow(
        `order ${missing} not found`,
      );
      const { orderId } = await h.api.caller().orders.create(checkoutInput());
      await expect(requireRefundableOrder(h.api.deps, orderId)).rejects.toThrow(InvalidState);
    });

    it('reach an HTTP client with the tRPC code, message and field paths clients read', async () => {
      const missing = randomUUID();
      await expect(h.http().orders.byId.query({ id: missing })).rejects.toMatchObject({
        message: `order ${missing} not found`,
        data: { code: 'NOT_FOUND', httpStatus: 404 },
      });
      const input = checkoutInput();
      const unknown = { ...input, lines: [{ sku: 'NO-SUCH-SKU', quantity: 1 }] };
      await expect(h.http().orders.create.mutate(unknown)).rejects.toMatchObject({
        message: 'lines.0.sku: unknown product sku "NO-SUCH-SKU"',
        data: {
          code: 'BAD_REQUEST',
          httpStatus: 400,
          fields: [{ path: ['lines', 0, 'sku'], message: 'unknown product sku "NO-SUCH-SKU"' }],
        },
      });
      expect(new FieldErrors([{ path: ['a'], message: 'b' }]).message).toBe('a: b');
    });
  });
}
