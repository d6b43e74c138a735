// `pnpm bench`: one table, each figure next to a baseline measured in the same run. Written to docs/benchmarks.md.
import { writeFile } from 'node:fs/promises';
import { cpus, loadavg } from 'node:os';
import * as api from '@checkout/api/bench';
import * as sandbox from '@checkout/sandbox/bench';
import { startTempPostgres } from '@checkout/testkit';
import * as web from '@checkout/web/bench';
import { docsPath } from './docs.js';
import { measureVerify } from './invoicebox/verify-bench.js';
import { measureNotificationEngine } from './measure/notification-engines.js';
import { measureOrderRate } from './measure/order-rate.js';
import { measureStaffViews, runScaleBench, scaleProblems, scaleRows } from './scale/run.js';
import { goal, markdownTable, num, ratio } from './table.js';

// `pnpm bench scale`: only the million-order staff views (seed, time, plans), printed, docs untouched.
if (process.argv[2] === 'scale') process.exit(await runScaleBench());

type Row = [
  measure: string,
  value: string,
  baseline: string,
  baselineName: string,
  ratio: string,
  goal?: string,
];
const rows: Row[] = [];
const problems: string[] = [];
const notes: string[] = [];
const startedAt = new Date();
const loadAtStart = loadavg()
  .map((n) => n.toFixed(1))
  .join(' / ');
const t0 = performance.now();
// Every step is bounded on its own; this is the backstop so a run never outlives its budget.
setTimeout(() => {
  console.error('\nbench: still running after 1,200 s, giving up');
  process.exit(1);
}, 1_200_000).unref();

async function step(name: string, fn: () => Promise<void>) {
  const started = performance.now();
  process.stdout.write(`… ${name}`);
  try {
    await fn();
    console.log(` (${((performance.now() - started) / 1000).toFixed(1)} s)`);
  } catch (error) {
    console.log(' FAILED');
    console.error(error);
    problems.push(`${name}: ${error instanceof Error ? error.message : String(error)}`);
  }
}

// A private PostgreSQL (initdb, own port) so the numbers do not depend on whatever else uses the shared server.
const pg = await startTempPostgres();
try {
  await step('notification throughput (apps/api/bench)', async () => {
    // Seven rounds: a window of this route swings by a fifth either way on a shared 2-core machine.
    const r = await api.measureNotificationThroughput({
      adminDatabaseUrl: pg.url(),
      concurrency: 16,
      durationMs: 3_000,
      rounds: 7,
    });
    const what = `notifications applied/s, ${r.concurrency} concurrent senders, PostgreSQL (medians of ${r.rounds} rounds in turn; ratio: the median of the rounds' ratios)`;
    rows.push(
      [
        what,
        num(r.apiPerSecond),
        num(r.sameJobPerSecond),
        'the same job done bare: node:http, HMAC check, JSON.parse, the same statement (bench/floors/notification-floor.ts)',
        ratio(r.sameJobRatio, 1),
        goal(r.sameJobRatio, 1, '>=', 0.9),
      ],
      [
        `${what}, against the statement alone`,
        num(r.apiPerSecond),
        num(r.baselinePerSecond),
        "the route's own prepared statement (payFromNotificationStatement) straight through postgres.js: no HTTP, no signature",
        ratio(r.ratio, 1),
      ],
    );
  });
  await step('order creation latency (apps/api/bench)', async () => {
    const r = await api.measureOrderCreation({ adminDatabaseUrl: pg.url(), samples: 100 });
    const bare =
      'the same job done bare: node:http, catalog in memory, save pending, the same createOrder, store the answer (bench/floors/checkout-floor.ts)';
    rows.push(
      [
        `orders.create p50, ms (tRPC + sandbox, ${r.samples} sequential, one of each in turn)`,
        num(r.apiP50, 1),
        num(r.sameJobP50, 1),
        bare,
        ratio(r.apiP50, r.sameJobP50),
        goal(r.apiP50, r.sameJobP50, '<=', 1.5),
      ],
      [`orders.create p99, ms`, num(r.apiP99, 1), num(r.sameJobP99, 1), bare, ratio(r.apiP99, r.sameJobP99)],
      [
        `orders.create p50, ms, against the parts alone`,
        num(r.apiP50, 1),
        num(r.baselineP50, 1),
        'the same createOrder request the shop builds + one INSERT, in process: no request to serve, nothing saved before the call',
        ratio(r.apiP50, r.baselineP50),
      ],
    );
  });
  await step('order creation rate', async () => {
    const r = await measureOrderRate({ databaseUrl: await pg.createDatabase('bench_rate'), concurrency: 8 });
    const what = `orders.create per second, ${r.concurrency} concurrent shoppers (p50 ${num(r.apiP50, 0)} ms / p99 ${num(r.apiP99, 0)} ms; median of ${r.rounds} windows in turn)`;
    rows.push(
      [
        what,
        num(r.apiPerSecond),
        num(r.sameJobPerSecond),
        `the same job done bare, as its own process like the API (p50 ${num(r.sameJobP50, 0)} / p99 ${num(r.sameJobP99, 0)} ms)`,
        ratio(r.apiPerSecond, r.sameJobPerSecond),
        goal(r.apiPerSecond, r.sameJobPerSecond, '>=', 0.6),
      ],
      [
        `orders.create per second, ${r.concurrency} concurrent shoppers, against the parts alone`,
        num(r.apiPerSecond),
        num(r.baselinePerSecond),
        `sandbox createOrder + one INSERT from the load generator itself (p50 ${num(r.baselineP50, 0)} / p99 ${num(r.baselineP99, 0)} ms)`,
        ratio(r.apiPerSecond, r.baselinePerSecond),
      ],
    );
    rows.push([
      `API process RSS, MB, under those ${r.concurrency} shoppers (median of 100 ms samples; peak ${num(r.rssMb.loadPeak, 0)})`,
      num(r.rssMb.loadMedian, 0),
      num(r.rssMb.idle, 0),
      'the same API process idle (started and migrated, nothing served yet)',
      ratio(r.rssMb.loadMedian, r.rssMb.idle),
    ]);
  });
  await step('sandbox create-order rate (apps/sandbox/bench)', async () => {
    const m = await sandbox.measureCreateOrder({ concurrency: 16, maxRequests: 20_000, maxMs: 3_000 });
    if (m.sandbox.errors || m.baseline.errors) {
      notes.push(
        `sandbox bench: ${m.sandbox.errors} errors on the sandbox, ${m.baseline.errors} on the baseline`,
      );
    }
    rows.push([
      `sandbox create-order requests/s, 16 concurrent (p50 ${num(m.sandbox.p50Ms, 1)} / p99 ${num(m.sandbox.p99Ms, 1)} ms)`,
      num(m.sandbox.requestsPerSecond),
      num(m.baseline.requestsPerSecond),
      `bare node:http answering fixed JSON (p50 ${num(m.baseline.p50Ms, 1)} / p99 ${num(m.baseline.p99Ms, 1)} ms)`,
      ratio(m.sandbox.requestsPerSecond, m.baseline.requestsPerSecond),
    ]);
  });
  await step('verifyNotification (src/invoicebox)', async () => {
    const m = await measureVerify({ timeMs: 3_000 });
    rows.push([
      'verifyNotification per second (1 KB SDK fixture, alternating rounds, medians)',
      num(m.opsPerSecond),
      num(m.baselineOpsPerSecond),
      'bare createHmac(sha1) hex + JSON.parse',
      ratio(m.opsPerSecond, m.baselineOpsPerSecond),
    ]);
  });
  await step('storefront (apps/web/bench)', async () => {
    const s = await web.measureStorefront({ loads: 20 });
    const shopMs = web.median(s.catalogReadyMs.shop);
    const bareMs = web.median(s.catalogReadyMs.bare);
    rows.push(
      [
        'storefront initial JS, KB gzipped (entry + modulepreloads, production build)',
        num(s.initialJs.shop.gzipBytes / 1024, 1),
        num(s.initialJs.bare.gzipBytes / 1024, 1),
        'bare Vite React page rendering one tRPC query, same build settings',
        ratio(s.initialJs.shop.gzipBytes, s.initialJs.bare.gzipBytes),
        goal(s.initialJs.shop.gzipBytes, s.initialJs.bare.gzipBytes, '<=', 1.05),
      ],
      [
        'storefront: navigation to a usable catalog, ms (headless Chromium, vite preview, median of 20 cold loads)',
        num(shopMs, 0),
        num(bareMs, 0),
        'the bare one-query page: same preview server, API and Chromium, loads in turns',
        ratio(shopMs, bareMs),
        goal(shopMs, bareMs, '<=', 1.5),
      ],
    );
  });
  await step('notification path on PGlite vs PostgreSQL', async () => {
    const onPg = await measureNotificationEngine({
      engine: 'postgres',
      databaseUrl: await pg.createDatabase('bench_engine'),
    });
    const onPglite = await measureNotificationEngine({ engine: 'pglite' });
    rows.push([
      'notifications applied/s, embedded PGlite (in-process, 16 concurrent)',
      num(onPglite.perSecond),
      num(onPg.perSecond),
      'same route on PostgreSQL, same setup',
      ratio(onPglite.perSecond, onPg.perSecond),
    ]);
  });
} finally {
  await pg.destroy();
}
// Last, on its own private server (it reconfigures and restarts it): the staff views at a million orders.
await step('staff views at 1,000,000 orders (src/scale)', async () => {
  const r = await measureStaffViews(1_000_000);
  rows.push(...scaleRows(r));
  problems.push(...scaleProblems(r));
});

const table = markdownTable(
  ['measure', 'value', 'baseline', 'baseline is', 'value / baseline', 'goal'],
  rows.map((r) => [r[0], r[1], r[2], r[3], r[4], r[5] ?? '']),
  [1, 2, 4],
);
const totalS = ((performance.now() - t0) / 1000).toFixed(0);
const cpu = cpus();
const doc = `# Benchmarks

Reproduce: \`pnpm install && pnpm bench\` (tools/bench/src/bench.ts). Each figure is next to its baseline,
measured in the same run on the same machine; the last column is the ratio (for latency and size, lower is better).
Machine: ${cpu.length} cores (${cpu[0]?.model ?? 'unknown CPU'}), Node ${process.version}, run ${startedAt.toISOString()}, ${totalS} s in all
(load average at start ${loadAtStart}; on a shared machine the ratios are steadier than the absolute numbers).
PostgreSQL: a private server started by the benchmark (initdb into a temporary folder, 127.0.0.1, default settings).

${table}

Floors: each goal is checked against the same job done bare, the least work that does what the measured path
does, written by hand on node:http (apps/api/bench/floors/; tools/bench/test/floors.test.ts holds them to the same
Invoicebox order, the same rows and the same signature check). The rows "against the parts alone" keep the older
floors for comparison: the route's statement, or the Invoicebox call plus one INSERT, with no request to serve and
nothing saved before the call.

How: the API, the sandbox and the load generator run in one Node process for the in-process rows (as in
apps/api/bench); "16 concurrent" means 16 async senders over keep-alive HTTP. Rates are measured for 3 s after a
warm-up, the measured path and its floors in turn, and the median of such windows is shown (7 for notifications, 3 for checkouts;
the notification rounds rotate which runs first, and their ratio is the median of the rounds' own ratios); latencies are per
request, one of each in turn. The PGlite row compares the same route, same process layout, on both engines.
${notes.length ? `\nNotes:\n\n${notes.map((n) => `- ${n}`).join('\n')}\n` : ''}${problems.length ? `\nNot measured in this run:\n\n${problems.map((p) => `- ${p}`).join('\n')}\n` : ''}`;
console.log(`\n${table}\n`);
await writeFile(docsPath('benchmarks.md'), doc);
console.log(`written to docs/benchmarks.md (${totalS} s)`);
process.exit(problems.length ? 1 : 0);
