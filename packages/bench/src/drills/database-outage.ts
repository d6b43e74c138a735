import { randomUUID } from 'node:crypto';
import { TEST_CARDS } from '@checkout/sandbox';
import { runLoad, sleep, waitUntil } from '../load.js';
import { deliver } from '../notification-body.js';
import { checkoutInput, trpcMutate } from '../trpc-http.js';
import { paidFacts, startDrillStack } from './stack.js';
import { type Drill, seconds } from './types.js';

const BEFORE = 30;
const DURING = 50;
const AFTER = 20;
const OUTAGE_MS = 10_000;
const PROBES = 16;

/**
 * PostgreSQL is stopped (immediate shutdown, as in a crash) for 10 s while orders are being paid. During the
 * outage the notification route must answer out_of_service (so Invoicebox retries) and checkout must refuse
 * clearly; afterwards every order converges to paid exactly once and no half-written order exists.
 */
export const databaseOutage: Drill = {
  id: 3,
  name: 'Database outage (PostgreSQL stopped 10 s during traffic)',
  timeoutMs: 150_000,
  async run(ctx) {
    const stack = await startDrillStack({ name: 'dbdown', replicas: 2, logFile: ctx.logFile });
    try {
      const orders = await stack.createOrders(BEFORE + DURING + AFTER);
      const ids = orders.map((o) => o.orderId);
      const pay = (from: number, count: number) =>
        runLoad(8, count, 30_000, async (i) => {
          await stack.control.pay(orders[from + i]!.invoiceboxId, TEST_CARDS.success);
        });
      await pay(0, BEFORE);

      await stack.pg.kill();
      const outageStarted = performance.now();
      await pay(BEFORE, DURING);
      // Straight at the replicas, signed by us: what does the route answer while the database is gone?
      const answers = new Map<string, number>();
      let fiveXx = 0;
      await runLoad(PROBES, PROBES, 8_000, async (i) => {
        // The sandbox's own signed body for an order paid during the outage.
        const order = orders[BEFORE + i]!;
        const recorded = (await stack.control.deliveries(order.invoiceboxId)).find(
          (d) => d.event === 'payment',
        );
        if (!recorded) throw new Error(`no payment notification recorded for ${order.invoiceboxId}`);
        const { status, answer } = await deliver(
          stack.replicas[i % 2]!.url,
          recorded.requestBody,
          recorded.signature,
          15_000,
        );
        if (status >= 500) fiveXx++;
        const key =
          typeof answer === 'string' ? `HTTP ${status} not-json` : (answer.code ?? answer.status ?? '?');
        answers.set(key, (answers.get(key) ?? 0) + 1);
      });
      const checkout = await trpcMutate(stack.front.url, 'orders.create', checkoutInput(randomUUID()), {
        timeoutMs: 20_000,
      }).catch((error: unknown) => ({ status: 0, raw: String(error), error: undefined }));
      const outageSpent = performance.now() - outageStarted;
      if (outageSpent < OUTAGE_MS) await sleep(OUTAGE_MS - outageSpent);
      await stack.pg.start();
      const restartedAt = performance.now();
      await pay(BEFORE + DURING, AFTER);

      const convergedIn = await waitUntil(
        async () => (await paidFacts(stack.sql, ids)).paid === ids.length,
        90_000,
        250,
      );
      const facts = await paidFacts(stack.sql, ids);
      // Half-written = a paid order without its event or paid_at, or an event without the status.
      const [halves] = await stack.sql<{ n: number }[]>`
        SELECT count(*)::int AS n FROM orders o
        WHERE (o.status = 'paid') <> EXISTS (SELECT 1 FROM order_events e WHERE e.order_id = o.id AND e.to_status = 'paid')
           OR (o.status = 'paid' AND o.paid_at IS NULL)
           OR (o.status IN ('awaiting_payment', 'paid') AND o.invoicebox_order_id IS NULL)`;
      const outOfService = answers.get('out_of_service') ?? 0;
      const checkoutMessage = checkout.error?.message ?? checkout.raw.slice(0, 160);
      const checkoutClear =
        checkout.status >= 400 &&
        checkout.error?.data?.code !== 'INTERNAL_SERVER_ERROR' &&
        !!checkout.error?.message;
      const pass =
        outOfService === PROBES &&
        fiveXx === 0 &&
        convergedIn !== null &&
        facts.paid === ids.length &&
        facts.paidEvents === ids.length &&
        facts.paidTwice === 0 &&
        halves?.n === 0;
      const notes: string[] = [];
      if (!checkoutClear) {
        notes.push(
          `checkout during the outage answered HTTP ${checkout.status} ${checkout.error?.data?.code ?? ''}: ${checkoutMessage}`,
        );
      }
      return {
        pass,
        figures:
          `route during outage: ${[...answers].map(([k, n]) => `${k} ${n}`).join(', ')} (5xx ${fiveXx}); ` +
          `checkout during outage: HTTP ${checkout.status} ${checkout.error?.data?.code ?? ''} "${checkoutMessage}"; ` +
          `${facts.paid}/${ids.length} paid ${convergedIn === null ? 'NOT converged' : `${seconds(performance.now() - restartedAt)} after restart`}; ` +
          `${facts.paidEvents} paid transitions, ${facts.paidTwice} twice, half-written rows ${halves?.n}`,
        notes,
      };
    } finally {
      await stack.close();
    }
  },
};
