import type { Delivery as SandboxDelivery } from '@checkout/sandbox';
import { TEST_CARDS } from '@checkout/sandbox';
import { runLoad, sleep, waitUntil } from '../load.js';
import { paidFacts, startDrillStack } from './stack.js';
import { type Drill, seconds } from './types.js';

const ORDERS = 150;

/**
 * Notifications flow from the sandbox through the balancer to two replicas; one replica gets SIGKILL in the
 * middle of the storm and is started again. Deliveries cut off or answered 502 must be retried by the
 * sandbox until every order is paid exactly once. No reconciler: the retries alone must finish the job.
 */
export const crash: Drill = {
  id: 2,
  name: 'Crash (SIGKILL one of two replicas mid-storm, restart)',
  criteria:
    "every order paid exactly once with the reconciler off (only the sandbox's retries), every order has an accepted notification",
  timeoutMs: 90_000,
  async run(ctx) {
    const stack = await startDrillStack({ name: 'crash', replicas: 2, logFile: ctx.logFile });
    try {
      const orders = await stack.createOrders(ORDERS);
      const victim = stack.replicas[0]!;
      const started = performance.now();
      let killedAt = 0;
      let restartedAt = 0;
      const killer = (async () => {
        // Wait until the storm is under way (some orders paid), then pull the plug.
        await waitUntil(
          async () =>
            (
              await paidFacts(
                stack.sql,
                orders.map((o) => o.orderId),
              )
            ).paid >=
            ORDERS / 5,
          30_000,
          50,
        );
        await victim.kill();
        killedAt = performance.now() - started;
        await sleep(1_000);
        await victim.restart();
        restartedAt = performance.now() - started;
      })();
      await runLoad(16, orders.length, 60_000, async (i) => {
        await stack.control.pay(orders[i]!.invoiceboxId, TEST_CARDS.success);
      });
      await killer;
      const ids = orders.map((o) => o.orderId);
      const convergedIn = await waitUntil(
        async () => (await paidFacts(stack.sql, ids)).paid === ORDERS,
        45_000,
        250,
      );
      const facts = await paidFacts(stack.sql, ids);
      const deliveries: SandboxDelivery[] = (await stack.control.deliveries()).filter(
        (d) => d.event === 'payment',
      );
      const failedAttempts = deliveries.filter((d) => d.outcome !== 'delivered').length;
      const deliveredOrders = new Set(
        deliveries.filter((d) => d.outcome === 'delivered').map((d) => d.orderId),
      );
      const lost = orders.filter((o) => !deliveredOrders.has(o.invoiceboxId)).length;
      const pass =
        convergedIn !== null &&
        facts.paid === ORDERS &&
        facts.paidEvents === ORDERS &&
        facts.paidTwice === 0 &&
        lost === 0;
      return {
        pass,
        figures:
          `killed at ${seconds(killedAt)}, back at ${seconds(restartedAt)}; ${facts.paid}/${ORDERS} paid after ` +
          `${convergedIn === null ? 'deadline' : seconds(performance.now() - started)}; ${facts.paidEvents} paid transitions, ` +
          `${facts.paidTwice} paid twice; ${deliveries.length} delivery attempts, ${failedAttempts} not accepted (retried), ` +
          `${lost} orders without an accepted notification; balancer 502s: ${stack.front.stats.upstreamErrors}`,
        notes: [],
      };
    } finally {
      await stack.close();
    }
  },
};
