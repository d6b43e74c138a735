import { onDrillStack, paidBySource, paidFacts, payAll, waitAllPaid } from './stack.js';
import { type Drill, seconds } from './types.js';

const ORDERS = 100;
const BOUND_MS = 60_000;
const RECONCILE_INTERVAL_MS = 1_000;
const RECONCILE_MIN_AGE_MS = 2_000;

/**
 * The sandbox drops 30% of its notifications (never sent, never retried). The replicas' reconciler, run
 * every second here (30 s by default) for orders untouched for 2 s (60 s by default), must bring every paid
 * order to `paid` within the bound.
 */
export const lostNotifications: Drill = {
  id: 5,
  name: 'Lost notifications (sandbox drops 30%, reconciliation heals)',
  criteria: 'all 100 orders paid exactly once within 60 s of the last payment',
  timeoutMs: 100_000,
  run: onDrillStack(
    {
      name: 'lost',
      replicas: 2,
      reconcileIntervalMs: RECONCILE_INTERVAL_MS,
      reconcileMinAgeMs: RECONCILE_MIN_AGE_MS,
    },
    async (stack) => {
      const orders = await stack.createOrders(ORDERS);
      await stack.control.updateSettings({ mode: 'deliver', dropRate: 0.3 });
      await payAll(stack, orders, 8);
      const paidAt = performance.now();
      const ids = orders.map((o) => o.orderId);
      const convergedIn = await waitAllPaid(stack.sql, ids, BOUND_MS, 100);
      const facts = await paidFacts(stack.sql, ids);
      const deliveries = (await stack.control.deliveries()).filter((d) => d.event === 'payment');
      const dropped = new Set(deliveries.filter((d) => d.outcome === 'dropped').map((d) => d.orderId)).size;
      const sources = await paidBySource(stack.sql, ids);
      const pass = convergedIn !== null && facts.allPaidOnce;
      return {
        pass,
        figures:
          `${dropped} of ${ORDERS} notifications dropped; ${facts.paid}/${ORDERS} paid ` +
          `${convergedIn === null ? `NOT within ${seconds(BOUND_MS)}` : `${seconds(performance.now() - paidAt)} after the last payment (bound ${seconds(BOUND_MS)})`}; ` +
          `paid by: ${sources}; ${facts.paidTwice} paid twice ` +
          `(reconciler every ${RECONCILE_INTERVAL_MS} ms, min age ${RECONCILE_MIN_AGE_MS} ms)`,
        notes: [],
      };
    },
  ),
};
