import { randomUUID } from 'node:crypto';
import { DEMO_SHOP } from '@checkout/invoicebox';
import {
  type Delivery,
  type SandboxControl,
  sandboxControl,
  startSandbox,
  TEST_CARDS,
} from '@checkout/sandbox';
import {
  freePort,
  type LoadRun,
  loopback,
  runLoad,
  startTempPostgres,
  type TempPostgres,
  waitUntil,
} from '@checkout/testkit';
import postgres from 'postgres';
import { type Replica, type ReplicaEnv, startReplica } from '../api-replica.js';
import { type Balancer, startBalancer } from '../balancer.js';
import { checkoutInput, trpcMutate } from '../trpc-http.js';
import type { Drill, DrillContext, DrillResult } from './types.js';

/** Every staff token handed to a replica in this run: the secrets drill looks for them in the logs. */
export const issuedAdminTokens = new Set<string>();

export type StackOptions = {
  name: string;
  replicas: number;
  logFile: string;
  /** Scales the sandbox's 10-retries-in-24-h schedule; 0.0007 spreads it over about a minute. */
  retryTimeScale?: number;
  reconcileIntervalMs?: number;
  reconcileMinAgeMs?: number;
  /** Put a fault proxy between the API and the sandbox (Invoicebox outages, counting Invoicebox calls). */
  invoiceboxProxy?: boolean;
  /** Extra settings for every replica (production limits, trusted proxy…). */
  replicaEnv?: Partial<ReplicaEnv>;
  /** The front balancer moves a refused connection to the next replica (a load balancer's health check). */
  nextOnRefused?: boolean;
  /** Where the sandbox posts the shop's notifications; default the front balancer's webhook. */
  notificationUrl?: string;
};

export type DrillStack = {
  pg: TempPostgres;
  sql: postgres.Sql;
  sandboxUrl: string;
  control: SandboxControl;
  /** Round-robin in front of the replicas: Invoicebox's notifications and the shop's public URL. */
  front: Balancer;
  /** Between the replicas and the sandbox (only with invoiceboxProxy). */
  invoiceboxProxy: Balancer | undefined;
  replicas: Replica[];
  adminToken: string;
  createOrders(count: number, concurrency?: number): Promise<{ orderId: string; invoiceboxId: string }[]>;
  close(): Promise<void>;
};

/**
 * A private PostgreSQL, the sandbox (in this process), N API replicas (child processes) behind a
 * round-robin balancer. Notifications reach the replicas through the balancer, as through a load balancer.
 */
export async function startDrillStack(opts: StackOptions): Promise<DrillStack> {
  const closers: (() => Promise<unknown>)[] = [];
  const close = async () => {
    for (const closer of closers.reverse()) await closer().catch(() => undefined);
  };
  try {
    const pg = await startTempPostgres();
    closers.push(() => pg.destroy());
    const databaseUrl = await pg.createDatabase('checkout');
    const frontPort = await freePort();
    const frontUrl = `http://127.0.0.1:${frontPort}`;
    const sandbox = await startSandbox({
      port: 0,
      host: '127.0.0.1',
      retryTimeScale: opts.retryTimeScale ?? 0.0007,
      notificationTimeoutMs: 5_000,
      rateLimit: false,
      refundCompletionDelayMs: 0,
      log: false,
      merchants: [
        {
          ...DEMO_SHOP,
          name: 'Демо-магазин',
          notificationUrl: opts.notificationUrl ?? `${frontUrl}/webhooks/invoicebox`,
        },
      ],
    });
    closers.push(() => sandbox.close());
    const sandboxUrl = loopback(sandbox.url);
    const invoiceboxProxy = opts.invoiceboxProxy ? await startBalancer([sandboxUrl]) : undefined;
    if (invoiceboxProxy) closers.push(() => invoiceboxProxy.close());
    const adminToken = `drill-admin-${randomUUID()}`;
    issuedAdminTokens.add(adminToken);
    const env: ReplicaEnv = {
      DATABASE_URL: databaseUrl,
      INVOICEBOX_API_URL: invoiceboxProxy?.url ?? sandboxUrl,
      PUBLIC_API_URL: frontUrl,
      ADMIN_TOKEN: adminToken,
      RECONCILE_INTERVAL_MS: String(opts.reconcileIntervalMs ?? 0),
      RECONCILE_MIN_AGE_MS: String(opts.reconcileMinAgeMs ?? 60_000),
      POOL_SIZE: '8',
      LOG_LEVEL: 'info',
      ...opts.replicaEnv,
    };
    // The first replica migrates alone; the rest start together (they take the migration lock anyway).
    const replicas: Replica[] = [await startReplica(`${opts.name}-1`, env, opts.logFile)];
    closers.push(() => replicas[0]!.stop());
    const rest = await Promise.all(
      Array.from({ length: opts.replicas - 1 }, (_, i) =>
        startReplica(`${opts.name}-${i + 2}`, env, opts.logFile),
      ),
    );
    for (const replica of rest) {
      replicas.push(replica);
      closers.push(() => replica.stop());
    }
    const front = await startBalancer(
      replicas.map((r) => r.url),
      frontPort,
      { nextOnRefused: opts.nextOnRefused ?? false },
    );
    closers.push(() => front.close());
    const sql = postgres(databaseUrl, { max: 4, onnotice: () => {}, connect_timeout: 5 });
    closers.push(() => sql.end({ timeout: 2 }));
    const control = sandboxControl(sandboxUrl);

    const createOrders = async (count: number, concurrency = 8) => {
      const created: { orderId: string; invoiceboxId: string }[] = [];
      const run = await runLoad(concurrency, count, 120_000, async () => {
        const answer = await trpcMutate(front.url, 'orders.create', checkoutInput(randomUUID()));
        const data = answer.data as { orderId?: string } | undefined;
        if (answer.status !== 200 || !data?.orderId) {
          throw new Error(`orders.create failed: HTTP ${answer.status} ${answer.raw.slice(0, 300)}`);
        }
        created.push({ orderId: data.orderId, invoiceboxId: '' });
      });
      if (run.done !== count) throw new Error(`created ${run.done} of ${count} orders in time`);
      const rows = await sql<{ id: string; invoicebox_order_id: string }[]>`
        SELECT id, invoicebox_order_id FROM orders WHERE id IN ${sql(created.map((c) => c.orderId))}`;
      const byId = new Map(rows.map((r) => [r.id, r.invoicebox_order_id]));
      return created.map((c) => ({ orderId: c.orderId, invoiceboxId: byId.get(c.orderId) ?? '' }));
    };

    return {
      pg,
      sql,
      sandboxUrl,
      control,
      front,
      invoiceboxProxy,
      replicas,
      adminToken,
      createOrders,
      close,
    };
  } catch (error) {
    await close();
    throw error;
  }
}

/** A drill's run on a stack of its own (replica logs to the drill's log file), closed whatever happens. */
export function onDrillStack(
  opts: Omit<StackOptions, 'logFile'>,
  body: (stack: DrillStack, ctx: DrillContext) => Promise<DrillResult>,
): Drill['run'] {
  return async (ctx) => {
    const stack = await startDrillStack({ ...opts, logFile: ctx.logFile });
    try {
      return await body(stack, ctx);
    } finally {
      await stack.close();
    }
  };
}

export type DrillOrder = { orderId: string; invoiceboxId: string };

/** Pays every order at the sandbox with the test card, `concurrency` at a time, within `durationMs`. */
export function payAll(
  stack: DrillStack,
  orders: DrillOrder[],
  concurrency = 16,
  durationMs = 60_000,
): Promise<LoadRun> {
  return runLoad(concurrency, orders.length, durationMs, async (i) => {
    await stack.control.pay(orders[i]!.invoiceboxId, TEST_CARDS.success);
  });
}

/** Milliseconds until every order is paid (polling the database), or null at the deadline. */
export function waitAllPaid(sql: postgres.Sql, orderIds: string[], timeoutMs: number, intervalMs = 250) {
  return waitUntil(
    async () => (await paidFacts(sql, orderIds)).paid === orderIds.length,
    timeoutMs,
    intervalMs,
  );
}

/** The sandbox's payment notifications and how many orders have none a replica accepted. */
export async function paymentDeliveries(stack: DrillStack, orders: DrillOrder[]) {
  const deliveries: Delivery[] = (await stack.control.deliveries()).filter((d) => d.event === 'payment');
  const delivered = new Set(deliveries.filter((d) => d.outcome === 'delivered').map((d) => d.orderId));
  return { deliveries, lost: orders.filter((o) => !delivered.has(o.invoiceboxId)).length };
}

/** Per-order facts the drills judge by: final status, how many times it became paid. */
export async function paidFacts(sql: postgres.Sql, orderIds: string[]) {
  const rows = await sql<{ id: string; status: string; paid_events: number }[]>`
    SELECT o.id, o.status,
      (SELECT count(*)::int FROM order_events e WHERE e.order_id = o.id AND e.to_status = 'paid') AS paid_events
    FROM orders o WHERE o.id IN ${sql(orderIds)}`;
  const paid = rows.filter((r) => r.status === 'paid').length;
  const paidEvents = rows.reduce((sum, r) => sum + r.paid_events, 0);
  const paidTwice = rows.filter((r) => r.paid_events > 1).length;
  return {
    paid,
    paidEvents,
    paidTwice,
    missing: orderIds.length - rows.length,
    /** Every order paid, each by exactly one transition: what every payment drill must end with. */
    allPaidOnce: paid === orderIds.length && paidEvents === orderIds.length && paidTwice === 0,
  };
}

/** Who made the orders paid ("notification 177, reconciler 23"): order_events by source. */
export async function paidBySource(sql: postgres.Sql, orderIds: string[]): Promise<string> {
  const rows = await sql<{ source: string; n: number }[]>`
    SELECT source, count(*)::int AS n FROM order_events
    WHERE to_status = 'paid' AND order_id IN ${sql(orderIds)} GROUP BY source ORDER BY source`;
  return rows.map((r) => `${r.source} ${r.n}`).join(', ');
}
