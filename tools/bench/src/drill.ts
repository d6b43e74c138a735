// `pnpm drill`: the fault drills, one pass/fail line each; exit code 1 if any fails.
// `pnpm drill 1 3` runs a subset (and leaves docs/drills.md alone).
import { mkdtempSync, rmSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { docsPath } from './docs.js';
import { abuse } from './drills/abuse.js';
import { crash } from './drills/crash.js';
import { databaseOutage } from './drills/database-outage.js';
import { duplicateStorm } from './drills/duplicate-storm.js';
import { gateDrop } from './drills/gate-drop.js';
import { gracefulStop } from './drills/graceful-stop.js';
import { hostileInput } from './drills/hostile-input.js';
import { invoiceboxOutage } from './drills/invoicebox-outage.js';
import { lostNotifications } from './drills/lost-notifications.js';
import { secrets } from './drills/secrets.js';
import type { Drill, DrillResult } from './drills/types.js';
import { markdownTable } from './table.js';

const ALL: Drill[] = [
  duplicateStorm,
  crash,
  databaseOutage,
  invoiceboxOutage,
  lostNotifications,
  hostileInput,
  secrets,
  gracefulStop,
  abuse,
  gateDrop,
];

async function runDrill(drill: Drill, runDir: string): Promise<DrillResult & { ms: number }> {
  const started = performance.now();
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<DrillResult>((resolve) => {
    timer = setTimeout(
      () => resolve({ pass: false, figures: `did not finish within ${drill.timeoutMs / 1000} s`, notes: [] }),
      drill.timeoutMs,
    );
  });
  try {
    const result = await Promise.race([
      drill.run({ runDir, logFile: join(runDir, `drill-${drill.id}-replicas.log`) }),
      deadline,
    ]);
    return { ...result, ms: performance.now() - started };
  } catch (error) {
    const message = error instanceof Error ? (error.stack ?? error.message) : String(error);
    return {
      pass: false,
      figures: 'crashed',
      notes: [message.split('\n').slice(0, 4).join(' ')],
      ms: performance.now() - started,
    };
  } finally {
    clearTimeout(timer);
  }
}

// Each drill has its own limit; this is the backstop for the whole run.
setTimeout(() => {
  console.error('\ndrill: still running after 600 s, giving up');
  process.exit(1);
}, 600_000).unref();

const wanted = process.argv.slice(2).map(Number).filter(Boolean);
const drills = wanted.length ? ALL.filter((d) => wanted.includes(d.id)) : ALL;
const runDir = mkdtempSync(join(tmpdir(), 'checkout-drills-'));
const startedAt = new Date();
const loadAtStart = loadavg()
  .map((n) => n.toFixed(1))
  .join(' / ');
const results: { drill: Drill; result: DrillResult & { ms: number } }[] = [];
for (const drill of drills) {
  console.log(`… ${drill.id}. ${drill.name}`);
  const result = await runDrill(drill, runDir);
  results.push({ drill, result });
  console.log(
    `${result.pass ? 'PASS' : 'FAIL'} ${drill.id}. ${drill.name} (${(result.ms / 1000).toFixed(1)} s): ${result.figures}`,
  );
  for (const note of result.notes) console.log(`     ${note}`);
}
const failed = results.filter((r) => !r.result.pass);
const totalS = (performance.now() / 1000).toFixed(0);
console.log(`\n${results.length - failed.length}/${results.length} drills passed in ${totalS} s`);

if (!wanted.length) {
  const table = markdownTable(
    ['drill', 'result', 'figures', 'time'],
    results.map(({ drill, result }) => [
      `${drill.id}. ${drill.name}`,
      result.pass ? 'PASS' : '**FAIL**',
      result.figures,
      `${(result.ms / 1000).toFixed(1)} s`,
    ]),
    [3],
  );
  const notes = results.flatMap(({ drill, result }) => result.notes.map((n) => `- drill ${drill.id}: ${n}`));
  await writeFile(
    docsPath('drills.md'),
    `# Fault drills

Reproduce: \`pnpm install && pnpm drill\` (tools/bench/src/drill.ts; \`pnpm drill 3 5\` runs a subset).
Machine: ${cpus().length} cores (${cpus()[0]?.model ?? 'unknown CPU'}), Node ${process.version}, run ${startedAt.toISOString()}, ${totalS} s in all
(load average at start ${loadAtStart}).
Every drill starts its own PostgreSQL (initdb into a temporary folder, own port, 127.0.0.1), the sandbox, and API
replicas as child processes behind a small round-robin proxy; everything on loopback.

${table}

Pass criteria:

${results.map(({ drill }) => `${drill.id}. ${drill.criteria}.`).join('\n')}

Found by these drills while the kit was being built (fixed in apps/api 9363498, kept here so a regression shows):
drill 3 — during a database outage the webhook answered only after 11–39 s (postgres.js's default reconnect back-off)
and checkout answered HTTP 500 carrying the SQL text and its parameters; drill 6 — a NUL character in any text input
reached PostgreSQL and came back as HTTP 500 (43 of 20,000 calls).
Later: drill 8 — a replica draining after SIGTERM answered 503 to requests that arrived on connections it had
already accepted (fastify's return503OnClosing); it now serves them and closes the connection.

${notes.length ? `Notes:\n\n${notes.join('\n')}\n` : ''}`,
  );
}
rmSync(runDir, { recursive: true, force: true });
process.exit(failed.length ? 1 : 0);
