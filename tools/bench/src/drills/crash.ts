import { sleep, waitUntil } from '@checkout/testkit';
import { onDrillStack, paidFacts, payAll, paymentDeliveries, waitAllPaid } from './stack.js';
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
  run: onDrillStack({ name: 'crash', replicas: 2 }, async (stack) => {
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
    await payAll(stack, orders);
    await killer;
    const ids = orders.map((o) => o.orderId);
    const convergedIn = await waitAllPaid(stack.sql, ids, 45_000);
    const facts = await paidFacts(stack.sql, ids);
    const { deliveries, lost } = await paymentDeliveries(stack, orders);
    const failedAttempts = deliveries.filter((d) => d.outcome !== 'delivered').length;
    const pass = convergedIn !== null && facts.allPaidOnce && lost === 0;
    return {
      pass,
      figures:
        `killed at ${seconds(killedAt)}, back at ${seconds(restartedAt)}; ${facts.paid}/${ORDERS} paid after ` +
        `${convergedIn === null ? 'deadline' : seconds(performance.now() - started)}; ${facts.paidEvents} paid transitions, ` +
        `${facts.paidTwice} paid twice; ${deliveries.length} delivery attempts, ${failedAttempts} not accepted (retried), ` +
        `${lost} orders without an accepted notification; balancer 502s: ${stack.front.stats.upstreamErrors}`,
      notes: [],
    };
  }),
};
