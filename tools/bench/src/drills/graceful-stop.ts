import { sleep, waitUntil } from '@checkout/testkit';
import { onDrillStack, paidFacts, payAll, paymentDeliveries, waitAllPaid } from './stack.js';
import { type Drill, seconds } from './types.js';

const ORDERS = 150;

/**
 * A rolling deploy: one of two replicas gets SIGTERM in the middle of a notification storm and is started again.
 * The balancer moves connections the stopping replica refuses to the other one (a load balancer's health check);
 * what the stopping replica had already accepted it must finish, answering no 5xx and exiting 0.
 */
export const gracefulStop: Drill = {
  id: 8,
  name: 'Graceful stop (SIGTERM one of two replicas mid-storm, restart)',
  criteria:
    'every order paid exactly once with the reconciler off, every order has an accepted notification, the ' +
    'stopped replica answers no 5xx and exits 0',
  timeoutMs: 120_000,
  run: onDrillStack(
    {
      name: 'graceful-stop',
      replicas: 2,
      nextOnRefused: true,
    },
    async (stack) => {
      const orders = await stack.createOrders(ORDERS);
      const victim = stack.replicas[0]!;
      const ids = orders.map((o) => o.orderId);
      const started = performance.now();
      let stoppedAt = 0;
      let exitCode: number | null = -1;
      const stopper = (async () => {
        await waitUntil(async () => (await paidFacts(stack.sql, ids)).paid >= ORDERS / 5, 30_000, 50);
        exitCode = await victim.stop();
        stoppedAt = performance.now() - started;
        await sleep(1_000);
        await victim.restart();
      })();
      await payAll(stack, orders);
      await stopper;
      const convergedIn = await waitAllPaid(stack.sql, ids, 45_000);
      const facts = await paidFacts(stack.sql, ids);
      const { deliveries, lost } = await paymentDeliveries(stack, orders);
      const victim5xx = stack.front.stats.upstream5xx[victim.url] ?? 0;
      const pass =
        convergedIn !== null && facts.allPaidOnce && lost === 0 && victim5xx === 0 && exitCode === 0;
      return {
        pass,
        figures:
          `SIGTERM drained and exited ${exitCode ?? 'by SIGKILL'} at ${seconds(stoppedAt)}; ${facts.paid}/${ORDERS} paid, ` +
          `${facts.paidTwice} paid twice, ${lost} lost; 5xx from the stopped replica: ${victim5xx}, ` +
          `balancer 502s: ${stack.front.stats.upstreamErrors}; ${deliveries.length} delivery attempts`,
        notes: [],
      };
    },
  ),
};
