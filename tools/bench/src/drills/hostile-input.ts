import { runLoad } from '@checkout/testkit';
import type postgres from 'postgres';
import { deliver } from '../notification-body.js';
import { hostileNotification, hostileTrpc, prng } from './hostile-bodies.js';
import { onDrillStack } from './stack.js';
import { type Drill, seconds } from './types.js';

const NOTIFICATIONS = 10_000;
const TRPC_CALLS = 10_000;
const WARM_UP = 1_000;
/** Live-heap growth (after a full GC) allowed over the second half: caches are warm by then, a leak is not. */
const HEAP_SLACK = 8 * 1024 * 1024;

function kindsSummary(kinds: Map<string, number>): string {
  const webhook = [...kinds].filter(([k]) => k.startsWith('webhook')).reduce((sum, [, n]) => sum + n, 0);
  const trpc = [...kinds].filter(([k]) => k.startsWith('trpc')).reduce((sum, [, n]) => sum + n, 0);
  return `${webhook} webhook bodies + ${trpc} tRPC calls (warm-up included)`;
}

async function snapshot(sql: postgres.Sql) {
  const [row] = await sql<{ state: string }[]>`
    SELECT concat_ws('/',
      (SELECT count(*) FROM orders), (SELECT count(*) FROM order_lines), (SELECT count(*) FROM order_events),
      (SELECT count(*) FROM refunds), (SELECT count(*) FROM refund_requests),
      (SELECT md5(coalesce(string_agg(id::text || status || coalesce(paid_at::text, '') || amount, ',' ORDER BY id), ''))
         FROM orders)) AS state`;
  return row?.state ?? '';
}

/**
 * 10,000 generated bodies at the notification route and 10,000 hostile calls at the tRPC procedures of a
 * replica holding 20 unpaid orders (a correctly signed notification with the right amount would pay them;
 * none is sent). Zero 5xx, zero state changes, RSS before/after reported.
 */
export const hostileInput: Drill = {
  id: 6,
  name: 'Hostile input (10,000 notification bodies + 10,000 tRPC calls)',
  criteria:
    'all 20,000 calls answered, zero 5xx, orders/lines/events/refunds/refund requests unchanged, live heap after full GC grows < 8 MB over the second half',
  timeoutMs: 150_000,
  run: onDrillStack({ name: 'hostile', replicas: 1 }, async (stack) => {
    const orders = await stack.createOrders(20);
    const remote = await Promise.all(
      orders.map(
        async (o) => (await stack.control.order(o.invoiceboxId)).order as unknown as Record<string, unknown>,
      ),
    );
    const replica = stack.replicas[0]!;
    const rng = prng(20261129);
    const statuses = new Map<number, number>();
    const fiveXx: string[] = [];
    const kinds = new Map<string, number>();
    const note = (kind: string, status: number, detail: string) => {
      statuses.set(status, (statuses.get(status) ?? 0) + 1);
      kinds.set(kind, (kinds.get(kind) ?? 0) + 1);
      if (status >= 500 && fiveXx.length < 5) fiveXx.push(`${kind} -> ${status} ${detail.slice(0, 160)}`);
    };
    const notificationCall = async () => {
      const hostile = hostileNotification(rng, remote);
      const { status, answer } = await deliver(replica.url, hostile.body, hostile.signature, 30_000);
      note(`webhook: ${hostile.kind}`, status, JSON.stringify(answer));
    };
    const trpcCall = async () => {
      const call = hostileTrpc(
        rng,
        orders.map((o) => o.orderId),
      );
      const response = await fetch(`${replica.url}/trpc/${call.path}`, {
        method: call.method,
        headers: { 'content-type': 'application/json', ...call.headers },
        ...(call.method === 'POST' ? { body: call.body ?? '' } : {}),
        signal: AbortSignal.timeout(30_000),
      });
      note(`trpc: ${call.kind}`, response.status, await response.text());
    };

    const before = await snapshot(stack.sql);
    await runLoad(16, WARM_UP, 60_000, (i) => (i % 2 ? notificationCall() : trpcCall()));
    // Both kinds interleaved in two equal halves: a leak shows as growth in the second half too,
    // while a heap settling to its working size grows in the first half only.
    const total = NOTIFICATIONS + TRPC_CALLS;
    const memory = [await replica.memoryAfterGc()];
    const started = performance.now();
    let done = 0;
    for (let half = 0; half < 2; half++) {
      const run = await runLoad(16, total / 2, 90_000, (i) => (i % 2 ? notificationCall() : trpcCall()));
      done += run.done;
      memory.push(await replica.memoryAfterGc());
    }
    const elapsed = performance.now() - started;
    const after = await snapshot(stack.sql);
    const health = await fetch(`${replica.url}/healthz`)
      .then((r) => r.status)
      .catch(() => 0);
    const fivexxCount = [...statuses].filter(([s]) => s >= 500).reduce((sum, [, n]) => sum + n, 0);
    const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MB`;
    const complete = done === total;
    const [m0, m1, m2] = memory as [NodeJS.MemoryUsage, NodeJS.MemoryUsage, NodeJS.MemoryUsage];
    const secondHalfGrowth = m2.heapUsed - m1.heapUsed;
    const pass =
      complete && fivexxCount === 0 && before === after && secondHalfGrowth < HEAP_SLACK && health === 200;
    const notes = [...fiveXx];
    if (before !== after)
      notes.push(`state changed: ${before} -> ${after} (orders/lines/events/refunds/requests/md5)`);
    if (!complete) notes.push(`sent ${done} of ${total} calls before the deadline`);
    if (secondHalfGrowth >= HEAP_SLACK)
      notes.push(`live heap still growing in the second half: +${mb(secondHalfGrowth)}`);
    return {
      pass,
      figures:
        `${kindsSummary(kinds)}: ${done} calls in ${seconds(elapsed)}; ` +
        `HTTP statuses: ${[...statuses]
          .sort(([a], [b]) => a - b)
          .map(([s, n]) => `${s}×${n}`)
          .join(', ')}; ` +
        `5xx ${fivexxCount}; state ${before === after ? 'unchanged' : 'CHANGED'}; ` +
        `RSS ${mb(m0.rss)} -> ${mb(m1.rss)} -> ${mb(m2.rss)}, live heap ${mb(m0.heapUsed)} -> ${mb(m1.heapUsed)} -> ` +
        `${mb(m2.heapUsed)} (after full GC: ${WARM_UP} warm-up calls / half / all)`,
      notes,
    };
  }),
};
