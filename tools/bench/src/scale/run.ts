import { cpus, loadavg } from 'node:os';
import { startApi, UNLIMITED } from '@checkout/api';
import { percentile, startTempPostgres, type TempPostgres } from '@checkout/testkit';
import postgres from 'postgres';
import { markdownTable, num } from '../table.js';
import { disableAutoExplain, enableAutoExplain, marker, type PlanSlice, readPlans } from './explain-log.js';
import { type SeedResult, seedOrders } from './seed.js';
import { PAGE_SIZE, pickTargets, staffViews, type Timing, timeView } from './views.js';

/** Every staff view must answer within this at a million orders (issue 11). */
export const TARGET_P50_MS = 20;
const SAMPLES = 100;
const WARMUP = 10;
/** The claim stamps 20 due orders per call; the seed leaves about 2,800 due. */
const CLAIM_SAMPLES = 50;

export type ScaleResult = {
  seed: SeedResult;
  /** Re-running the migrations on the seeded database (the concurrent indexes exist: nothing to build). */
  remigrateMs: number;
  views: { name: string; deep: boolean; timing: Timing; plan: PlanSlice; missingIndexes: string[] }[];
  /** The deep page as the list used to read it: OFFSET plus an exact count. */
  offsetPage: Timing;
  /** `SELECT 1` through postgres.js in the same run: what a round trip costs on this machine now. */
  floor: Timing;
};

const apiOptions = (databaseUrl: string, migrate: boolean) => ({
  port: 0,
  databaseUrl,
  invoiceboxApiUrl: 'http://127.0.0.1:9', // never called: nothing here talks to Invoicebox
  storefrontUrl: 'http://localhost:5173',
  adminToken: 'bench-admin-token',
  reconcileIntervalMs: false as const,
  logLevel: 'silent',
  limits: UNLIMITED,
  migrate,
});

/**
 * Staff views at a million orders: seeds `orders` orders into a private PostgreSQL migrated by the API, then
 * times each view through the API's own code (createCaller, the reconciler's claim) and checks, from
 * auto_explain's log, that every plan reads through the expected indexes and never reads a big table whole.
 */
export async function measureStaffViews(orders = 1_000_000): Promise<ScaleResult> {
  // Its own server: the seed reconfigures and restarts it.
  const pg = await startTempPostgres();
  try {
    return await seedAndMeasure(pg, orders);
  } finally {
    await pg.destroy();
  }
}

async function seedAndMeasure(pg: TempPostgres, orders: number): Promise<ScaleResult> {
  // A production-like server for a million orders (the temp server's defaults are initdb's).
  const admin = postgres(pg.url(), { max: 1, onnotice: () => {} });
  await admin`ALTER SYSTEM SET shared_buffers = '1GB'`;
  await admin`ALTER SYSTEM SET max_wal_size = '8GB'`;
  await admin`ALTER SYSTEM SET max_parallel_maintenance_workers = 2`;
  // The load skips the WAL (tables truncated in its own transaction): only the seed writes differently.
  await admin`ALTER SYSTEM SET wal_level = minimal`;
  await admin`ALTER SYSTEM SET max_wal_senders = 0`;
  await admin.end();
  await pg.stop();
  await pg.start();

  const databaseUrl = await pg.createDatabase('scale');
  await (await startApi(apiOptions(databaseUrl, true))).close();
  const sql = postgres(databaseUrl, { max: 1, onnotice: () => {} });
  try {
    const seed = await seedOrders(sql, orders);
    console.log(`seeded: ${JSON.stringify(seed)}`);
    const t0 = performance.now();
    await (await startApi(apiOptions(databaseUrl, true))).close();
    const remigrateMs = performance.now() - t0;

    const picks = await pickTargets(sql, SAMPLES + WARMUP);
    const offsetPage = await timeOffsetPage(sql, picks.deepPage);
    const floor = await timeView(
      { name: 'SELECT 1', run: () => sql`SELECT 1`, indexes: [] },
      SAMPLES,
      WARMUP,
    );

    // Pass 1, plans: a few calls each with auto_explain on, read back from the server log.
    await enableAutoExplain(sql, 'scale');
    const plans = await (async () => {
      const explained = await startApi(apiOptions(databaseUrl, false));
      const markers = postgres(databaseUrl, { max: 1, onnotice: () => {} });
      try {
        for (const [step, view] of staffViews(
          explained.caller({ admin: true }),
          explained,
          picks,
        ).entries()) {
          await marker(markers, step);
          for (let i = 0; i < 3; i++) await view.run(i);
        }
        await marker(markers, 999);
        return await readPlans(markers);
      } finally {
        await markers.end({ timeout: 5 });
        await explained.close();
      }
    })();
    await disableAutoExplain(sql, 'scale');
    // The explain pass claimed some due orders: due again, so the timed claims take full batches.
    await sql`UPDATE orders SET checked_at = NULL WHERE checked_at IS NOT NULL`;

    // Pass 2, timings, on a fresh API (its connections without auto_explain).
    const api = await startApi(apiOptions(databaseUrl, false));
    try {
      const views: ScaleResult['views'] = [];
      for (const [step, view] of staffViews(api.caller({ admin: true }), api, picks).entries()) {
        const claim = view.name.startsWith("reconciler's");
        const timing = await timeView(view, claim ? CLAIM_SAMPLES : SAMPLES, claim ? 3 : WARMUP);
        const plan = plans.get(step) ?? { indexes: [], seqScans: [] };
        views.push({
          name: view.name,
          deep: view.deep ?? false,
          timing,
          plan,
          missingIndexes: view.indexes
            .map((wanted) => (Array.isArray(wanted) ? wanted : [wanted]))
            .filter((anyOf) => !anyOf.some((index) => plan.indexes.includes(index)))
            .map((anyOf) => anyOf.join(' or ')),
        });
      }
      return { seed, remigrateMs, views, offsetPage, floor };
    } finally {
      await api.close();
    }
  } finally {
    await sql.end({ timeout: 5 });
  }
}

/** The old list's page 5,000, sent by hand for comparison only. */
async function timeOffsetPage(sql: postgres.Sql, page: number): Promise<Timing> {
  const latencies: number[] = [];
  for (let i = 0; i < 13; i++) {
    const started = performance.now();
    await sql`SELECT * FROM orders WHERE status = 'paid' ORDER BY created_at DESC, number DESC
              LIMIT ${PAGE_SIZE} OFFSET ${(page - 1) * PAGE_SIZE}`;
    await sql`SELECT count(*) FROM orders WHERE status = 'paid'`;
    if (i >= 3) latencies.push(performance.now() - started);
  }
  latencies.sort((a, b) => a - b);
  return { p50: percentile(latencies, 50), p99: percentile(latencies, 99), samples: latencies.length };
}

/** Big tables read whole: none allowed (the products catalog and other small tables may be). */
const BIG_TABLES = ['orders', 'order_lines', 'order_events', 'notifications'];

/** What broke a goal: a p50 over target, an expected index unused, a big table scanned. Empty = all met. */
export function scaleProblems(result: ScaleResult): string[] {
  return result.views.flatMap((view) => [
    ...(view.timing.p50 > TARGET_P50_MS
      ? [`${view.name}: p50 ${num(view.timing.p50, 1)} ms > ${TARGET_P50_MS} ms`]
      : []),
    ...view.missingIndexes.map((index) => `${view.name}: plan does not use ${index}`),
    ...view.plan.seqScans
      .filter((table) => BIG_TABLES.includes(table))
      .map((table) => `${view.name}: plan reads ${table} whole (Seq Scan)`),
  ]);
}

const mb = (bytes: number) => `${num(bytes / 1024 / 1024, 0)} MB`;
const s = (ms: number) => `${num(ms / 1000, 1)} s`;

/**
 * Rows for docs/benchmarks.md, in bench.ts's shape: [measure, value, baseline, baseline name, ratio, goal].
 * Each view's ratio is its p50 against the 20 ms target.
 */
export function scaleRows(result: ScaleResult): [string, string, string, string, string, string][] {
  const n = num(result.seed.orders);
  return [
    [
      `seed ${n} orders (${num(result.seed.rows.order_lines ?? 0)} lines, ${num(result.seed.rows.order_events ?? 0)} events, ${num(result.seed.rows.notifications ?? 0)} notifications): load + indexes, s`,
      `${s(result.seed.loadMs)} + ${s(result.seed.indexMs)}`,
      '—',
      `pg_database_size ${mb(result.seed.databaseBytes)}; migrations re-run on it in ${s(result.remigrateMs)}; a SELECT 1 round trip p50 ${num(result.floor.p50, 2)} ms in this run`,
      '—',
      '',
    ],
    ...result.views.map((view): [string, string, string, string, string, string] => [
      `${view.name}, p50 ms at ${n} orders (p99 ${num(view.timing.p99, 1)}; plan: ${view.plan.indexes.join(', ') || 'no index'})`,
      num(view.timing.p50, 1),
      view.deep ? num(result.offsetPage.p50, 1) : `${TARGET_P50_MS}`,
      view.deep ? 'the same page by OFFSET + exact count (the list before keyset pages)' : 'target p50, ms',
      view.deep
        ? `${(view.timing.p50 / result.offsetPage.p50).toFixed(2)}x`
        : `${(view.timing.p50 / TARGET_P50_MS).toFixed(2)}x`,
      `p50 ≤ ${TARGET_P50_MS} ms: ${view.timing.p50 <= TARGET_P50_MS ? 'met' : 'not met'}`,
    ]),
  ];
}

/** `pnpm bench:scale`: the table on stdout; exit code 1 when a goal is not met. */
export async function runScaleBench(orders = Number(process.env.SCALE_ORDERS ?? 1_000_000)): Promise<number> {
  const started = performance.now();
  const result = await measureStaffViews(orders);
  console.log(
    markdownTable(['measure', 'value', 'baseline', 'baseline is', 'ratio'], scaleRows(result), [1, 2, 4]),
  );
  console.log(
    `\n(${s(performance.now() - started)} in all, load average ${loadavg()[0]?.toFixed(1)} on ${cpus().length} cores)`,
  );
  const problems = scaleProblems(result);
  if (problems.length > 0) console.error(`\nGoals not met:\n- ${problems.join('\n- ')}`);
  return problems.length > 0 ? 1 : 0;
}

if (import.meta.url === `file://${process.argv[1]}`) process.exit(await runScaleBench());
