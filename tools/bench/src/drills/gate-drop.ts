import { setTimeout as sleep } from 'node:timers/promises';
import { GATE_DELIVERY_URL } from '@checkout/sandbox';
import { waitUntil } from '@checkout/testkit';
import { type DrillStack, onDrillStack, paidBySource, paidFacts, payAll, waitAllPaid } from './stack.js';
import { type Drill, seconds } from './types.js';

const ORDERS = 200;
const REPLICAS = 2;
const DROP_RATE = 0.1;
const WAVES = 5;
/** Into each wave, so the cut finds notifications in flight and the wave's later ones find no connection. */
const CUT_AFTER_MS = 150;
const RECONNECT_BOUND_MS = 20_000;
const BOUND_MS = 60_000;
const RECONCILE_INTERVAL_MS = 1_000;
const RECONCILE_MIN_AGE_MS = 2_000;
/** Nothing listens on the discard port: the shop has no reachable webhook at all. */
const NOWHERE = 'http://127.0.0.1:9';

/**
 * Cuts every gate connection and waits until each replica is back on a new one. Returns the milliseconds from
 * the cut to the last replica's new connection as the sandbox stamped it (polling here would add the drill's own
 * lag), or null past the bound.
 */
async function dropAndReconnect(stack: DrillStack, seen: Set<string>): Promise<number | null> {
  const before = new Set((await stack.control.gate()).connections.map((c) => c.id));
  const cutAt = Date.now();
  await stack.control.dropGateConnections();
  let back: number | null = null;
  await waitUntil(
    async () => {
      const { connections } = await stack.control.gate();
      for (const c of connections) seen.add(c.id);
      if (connections.length !== REPLICAS || connections.some((c) => before.has(c.id))) return false;
      back = Math.max(...connections.map((c) => Date.parse(c.connectedAt))) - cutAt;
      return true;
    },
    RECONNECT_BOUND_MS,
    20,
  );
  return back;
}

/**
 * Two replicas take notifications from the sandbox's WebSocket gate only (INVOICEBOX_NOTIFY_VIA=gate; the
 * merchant's webhook URL and PUBLIC_API_URL lead nowhere). 200 orders are paid in 5 waves of 40, 16 at a time;
 * 150 ms into each wave every gate connection is cut, and the next wave starts once the wave is paid and both
 * replicas are back. The sandbox also drops 10% of the events before anything is sent. Events cut off in flight,
 * or raised while no connection was open, come on the next connection; the dropped ones only the reconciler
 * (every second here, for orders untouched for 2 s) can find.
 */
export const gateDrop: Drill = {
  id: 10,
  name: 'Gate drop mid-storm (gate only, 200 payments in 5 waves, gate cut in each)',
  criteria:
    `all ${ORDERS} orders paid exactly once within ${seconds(BOUND_MS)} of the last payment; after each of the ` +
    `${WAVES} cuts both replicas back on the gate within ${seconds(RECONNECT_BOUND_MS)}; nothing left pending at the gate`,
  timeoutMs: 180_000,
  run: onDrillStack(
    {
      name: 'gate',
      replicas: REPLICAS,
      reconcileIntervalMs: RECONCILE_INTERVAL_MS,
      reconcileMinAgeMs: RECONCILE_MIN_AGE_MS,
      notificationUrl: `${NOWHERE}/webhooks/invoicebox`,
      replicaEnv: { INVOICEBOX_NOTIFY_VIA: 'gate', PUBLIC_API_URL: NOWHERE },
    },
    async (stack) => {
      const seen = new Set<string>();
      const onGate = await waitUntil(
        async () => (await stack.control.gate()).connections.length === REPLICAS,
        RECONNECT_BOUND_MS,
        50,
      );
      if (onGate === null) {
        return { pass: false, figures: `the ${REPLICAS} replicas never connected to the gate`, notes: [] };
      }
      for (const c of (await stack.control.gate()).connections) seen.add(c.id);
      const orders = await stack.createOrders(ORDERS);
      const ids = orders.map((o) => o.orderId);
      await stack.control.updateSettings({ mode: 'deliver', dropRate: DROP_RATE });

      const started = performance.now();
      const reconnects: (number | null)[] = [];
      let payments = 0;
      const perWave = Math.ceil(ORDERS / WAVES);
      for (let wave = 0; wave < WAVES; wave++) {
        const paying = payAll(stack, orders.slice(wave * perWave, (wave + 1) * perWave), 16);
        await sleep(CUT_AFTER_MS);
        reconnects.push(await dropAndReconnect(stack, seen));
        payments += (await paying).done;
      }
      const stormMs = performance.now() - started;
      const convergedIn = await waitAllPaid(stack.sql, ids, BOUND_MS, 100);
      const allPaidMs = performance.now() - started;
      const drained = await waitUntil(async () => (await stack.control.gate()).pending === 0, 10_000, 100);
      const gate = await stack.control.gate();

      const facts = await paidFacts(stack.sql, ids);
      const sources = await paidBySource(stack.sql, ids);
      const deliveries = (await stack.control.deliveries()).filter((d) => d.event === 'payment');
      const dropped = deliveries.filter((d) => d.outcome === 'dropped').length;
      const overGate = deliveries.filter((d) => d.url === GATE_DELIVERY_URL);
      const cutOff = overGate.filter((d) => d.error === 'connection closed before the answer').length;
      const webhookAnswers = deliveries.filter(
        (d) => d.url !== GATE_DELIVERY_URL && d.responseStatus !== null,
      );

      const back = reconnects.filter((ms): ms is number => ms !== null).sort((a, b) => a - b);
      const median = back[Math.floor(back.length / 2)] ?? 0;
      const pass =
        payments === ORDERS &&
        convergedIn !== null &&
        facts.allPaidOnce &&
        back.length === reconnects.length &&
        gate.connections.length === REPLICAS &&
        drained !== null;
      const notes: string[] = [];
      if (payments !== ORDERS) notes.push(`only ${payments} of ${ORDERS} payments made in time`);
      if (back.length !== reconnects.length)
        notes.push(
          `${reconnects.length - back.length} cuts not followed by both replicas reconnecting within ${seconds(RECONNECT_BOUND_MS)}`,
        );
      if (webhookAnswers.length > 0)
        notes.push(`${webhookAnswers.length} webhook deliveries got an HTTP answer; none should have`);
      return {
        pass,
        figures:
          `payments ${seconds(stormMs)}; ${reconnects.length} cuts, back on the gate in median ${median.toFixed(0)} ms ` +
          `(max ${(back.at(-1) ?? 0).toFixed(0)} ms), ${seen.size} connections in all, ${gate.connections.length} open ` +
          `at the end; ${dropped} events dropped by the sandbox, ${cutOff} gate deliveries cut off in flight; ` +
          `${facts.paid}/${ORDERS} paid ${convergedIn === null ? `NOT within ${seconds(BOUND_MS)}` : `${seconds(allPaidMs)} after the first payment`} ` +
          `(by ${sources}), ${facts.paidTwice} paid twice; ` +
          `gate pending at the end: ${gate.pending} (reconciler every ${RECONCILE_INTERVAL_MS} ms, min age ${RECONCILE_MIN_AGE_MS} ms)`,
        notes,
      };
    },
  ),
};
