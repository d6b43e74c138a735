import { randomBytes, randomUUID } from 'node:crypto';
import { runLoad } from '@checkout/testkit';
import { checkoutInput, trpcMutate } from '../trpc-http.js';
import { type DrillStack, startDrillStack } from './stack.js';
import type { Drill } from './types.js';

const SHOPPERS = 50;
const BUDGET = 90;
const BUDGET_WINDOW_MS = 30_000;
const ATTACKER = '198.51.100.66';

/** The most Invoicebox calls that fell inside any one budget window. */
function busiestWindow(times: number[]): number {
  let most = 0;
  let start = 0;
  for (let end = 0; end < times.length; end++) {
    while (times[end]! - times[start]! >= BUDGET_WINDOW_MS) start++;
    most = Math.max(most, end - start + 1);
  }
  return most;
}

/** A batched GET of `orders.sync` for these ids, as httpBatchLink sends it. */
async function batchedSync(apiUrl: string, ids: string[]): Promise<number> {
  const paths = ids.map(() => 'orders.sync').join(',');
  const input = Object.fromEntries(ids.map((id, i) => [i, { id }]));
  const response = await fetch(
    `${apiUrl}/trpc/${paths}?batch=1&input=${encodeURIComponent(JSON.stringify(input))}`,
    { headers: { 'x-forwarded-for': ATTACKER }, signal: AbortSignal.timeout(30_000) },
  );
  await response.arrayBuffer();
  return response.status;
}

/** Unsigned or wrongly signed posts, small and large, as a stranger who found the webhook URL sends them. */
async function unsignedPost(apiUrl: string, i: number): Promise<number> {
  const size = i % 10 === 0 ? 512 * 1024 : 200;
  const body = JSON.stringify({
    id: randomUUID(),
    status: 'completed',
    padding: randomBytes(size).toString('hex'),
  });
  const response = await fetch(`${apiUrl}/webhooks/invoicebox`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'x-forwarded-for': ATTACKER,
      ...(i % 2 ? { 'x-signature': randomBytes(20).toString('hex') } : {}),
    },
    body,
    signal: AbortSignal.timeout(30_000),
  });
  await response.arrayBuffer();
  return response.status;
}

const rowCounts = async (sql: DrillStack['sql']) => {
  const [row] = await sql`
    SELECT (SELECT count(*)::int FROM notifications) AS notifications,
           (SELECT count(*)::int FROM orders) AS orders,
           (SELECT count(*)::int FROM order_events) AS events`;
  return row as { notifications: number; orders: number; events: number };
};

/**
 * Two replicas with the production limits behind a balancer that passes each client's address on
 * (TRUST_PROXY). While 50 shoppers check out, one address storms batched orders.sync calls for their orders
 * and floods the webhook with unsigned posts. Invoicebox's per-account limit is 100 calls per 30 s.
 */
export const abuse: Drill = {
  id: 9,
  name: 'Abuse (batched-sync storm and unsigned flood during 50 checkouts)',
  criteria:
    `all ${SHOPPERS} checkouts succeed; Invoicebox calls within the budget (${BUDGET} per 30 s) in every window; ` +
    'the unsigned flood adds no database row',
  timeoutMs: 120_000,
  async run(ctx) {
    const stack = await startDrillStack({
      name: 'abuse',
      replicas: 2,
      logFile: ctx.logFile,
      invoiceboxProxy: true,
      replicaEnv: {
        DRILL_LIMITS: 'production',
        TRUST_PROXY: 'true',
        INVOICEBOX_BUDGET: String(BUDGET),
        INVOICEBOX_BUDGET_WINDOW_MS: String(BUDGET_WINDOW_MS),
      },
    });
    try {
      const proxy = stack.invoiceboxProxy!;
      const before = await rowCounts(stack.sql);
      const placed: string[] = [];
      let checkoutFailures = 0;
      const failures: string[] = [];
      let running = true;

      const shoppers = runLoad(10, SHOPPERS, 90_000, async (i) => {
        // A shopper whose connection drops tries again with the same idempotency key, as the storefront does.
        const input = checkoutInput(randomUUID());
        let answer: { status: number; data?: unknown; raw: string } = { status: 0, raw: '' };
        for (let attempt = 0; attempt < 3 && answer.status !== 200; attempt++) {
          answer = await trpcMutate(stack.front.url, 'orders.create', input, {
            headers: { 'x-forwarded-for': `203.0.113.${i + 1}` },
          }).catch((error: Error) => ({
            status: 0,
            raw: `${error.message}: ${String((error.cause as Error | undefined)?.message ?? '')}`,
          }));
        }
        const orderId = (answer.data as { orderId?: string } | undefined)?.orderId;
        if (answer.status === 200 && orderId) placed.push(orderId);
        else {
          checkoutFailures++;
          if (failures.length < 3) failures.push(`HTTP ${answer.status} ${answer.raw.slice(0, 160)}`);
        }
      });
      const syncStatuses: Record<number, number> = {};
      const storm = (async () => {
        while (running) {
          const ids = placed.slice(-10);
          if (ids.length === 0) {
            await new Promise((r) => setTimeout(r, 20));
            continue;
          }
          const status = await batchedSync(stack.front.url, ids).catch(() => 0);
          syncStatuses[status] = (syncStatuses[status] ?? 0) + 1;
        }
      })();
      const floodStatuses: Record<number, number> = {};
      const flood = runLoad(8, 400, 60_000, async (i) => {
        const status = await unsignedPost(stack.front.url, i).catch(() => 0);
        floodStatuses[status] = (floodStatuses[status] ?? 0) + 1;
      });
      await Promise.all([shoppers, flood]);
      running = false;
      await storm;

      const after = await rowCounts(stack.sql);
      const busiest = busiestWindow(proxy.stats.forwardedAt);
      const pass =
        placed.length === SHOPPERS &&
        checkoutFailures === 0 &&
        busiest <= BUDGET &&
        after.notifications === before.notifications &&
        after.orders === before.orders + SHOPPERS;
      const fmt = (counts: Record<number, number>) =>
        Object.entries(counts)
          .map(([status, n]) => `${n}×${status}`)
          .join(' ');
      return {
        pass,
        figures:
          `${placed.length}/${SHOPPERS} checkouts ok; Invoicebox calls: ${proxy.stats.forwardedAt.length} in all, ` +
          `at most ${busiest} in a 30 s window (budget ${BUDGET}); sync batches ${fmt(syncStatuses)}; ` +
          `unsigned posts ${fmt(floodStatuses)}; notification rows ${before.notifications} -> ${after.notifications}, ` +
          `orders ${before.orders} -> ${after.orders}`,
        notes: failures,
      };
    } finally {
      await stack.close();
    }
  },
};
