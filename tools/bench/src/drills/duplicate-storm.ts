import type { Delivery as SandboxDelivery } from '@checkout/sandbox';
import { runLoad } from '@checkout/testkit';
import { deliver } from '../notification-body.js';
import { onDrillStack, paidFacts, payAll } from './stack.js';
import { type Drill, seconds, shuffle } from './types.js';

const ORDERS = 200;
const COPIES = 5;

/**
 * 200 orders paid at the sandbox with delivery switched off; the sandbox's own signed bodies are then sent
 * 5 times each, shuffled, 32 at a time, alternating between two replicas on one PostgreSQL.
 */
export const duplicateStorm: Drill = {
  id: 1,
  name: 'Duplicate storm (200 orders x 5 copies, 32 concurrent, 2 replicas)',
  criteria: 'exactly 200 orders paid, 200 paid transitions, none twice, zero 5xx, all 1,000 sent',
  timeoutMs: 90_000,
  run: onDrillStack({ name: 'storm', replicas: 2 }, async (stack) => {
    const orders = await stack.createOrders(ORDERS);
    await stack.control.updateSettings({ mode: 'drop' });
    await payAll(stack, orders, 8);
    const bodies: SandboxDelivery[] = [];
    await runLoad(8, orders.length, 60_000, async (i) => {
      const deliveries = await stack.control.deliveries(orders[i]!.invoiceboxId);
      const payment = deliveries.find((d) => d.event === 'payment');
      if (!payment) throw new Error(`no payment notification recorded for ${orders[i]!.invoiceboxId}`);
      bodies.push(payment);
    });
    const storm = shuffle(bodies.flatMap((b) => Array.from({ length: COPIES }, () => b)));
    const statuses = new Map<number, number>();
    const answers = new Map<string, number>();
    const started = performance.now();
    const run = await runLoad(32, storm.length, 90_000, async (i) => {
      const replica = stack.replicas[i % 2]!;
      const { status, answer } = await deliver(replica.url, storm[i]!.requestBody, storm[i]!.signature);
      statuses.set(status, (statuses.get(status) ?? 0) + 1);
      const key = typeof answer === 'string' ? 'not-json' : (answer.code ?? answer.status ?? '?');
      answers.set(key, (answers.get(key) ?? 0) + 1);
    });
    const elapsed = performance.now() - started;
    const facts = await paidFacts(
      stack.sql,
      orders.map((o) => o.orderId),
    );
    const fiveXx = [...statuses].filter(([s]) => s >= 500).reduce((sum, [, n]) => sum + n, 0);
    const pass = run.done === storm.length && facts.allPaidOnce && fiveXx === 0;
    return {
      pass,
      figures:
        `${run.done} deliveries in ${seconds(elapsed)} (${Math.round(run.done / (elapsed / 1000))}/s); ` +
        `${facts.paid}/${ORDERS} paid, ${facts.paidEvents} paid transitions, ${facts.paidTwice} paid twice; ` +
        `5xx: ${fiveXx}; answers: ${[...answers].map(([k, n]) => `${k} ${n}`).join(', ')}`,
      notes:
        run.done === storm.length ? [] : [`only ${run.done} of ${storm.length} sent before the deadline`],
    };
  }),
};
