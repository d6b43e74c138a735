// The SDK measured through its public entry, as an integrator would call it.
import { createHmac } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { type BasketLineInput, buildBasket, VAT_CODES, verifyNotification } from '@checkout/invoicebox';
import { Bench } from 'tinybench';

/** A copy of the SDK notification inside the repository (see fixtures/README.md). */
export const BENCH_NOTIFICATION_URL = new URL('./fixtures/payment-notification.body', import.meta.url);
const KEY = 'test';
const SIGNATURE = '4731e2fb446ba519fd9d8798a1a0873f073189e8';

export interface Row {
  task: string;
  opsPerSecond: number;
  baseline: string | null;
  baselineOpsPerSecond: number | null;
  /** opsPerSecond / baselineOpsPerSecond, when there is a baseline. */
  ratio: number | null;
}

export interface BenchOptions {
  /** Measuring time per task in ms (default 1000). */
  timeMs?: number;
}

function opsPerSecond(bench: Bench, name: string): number {
  const result = bench.getTask(name)?.result;
  if (!result || !('period' in result)) throw new Error(`benchmark ${name} did not complete`);
  return 1000 / result.period;
}

function hundredLines(): BasketLineInput[] {
  return Array.from({ length: 100 }, (_, i) => ({
    sku: `sku-${i}`,
    name: `Товар ${i}`,
    unitPrice: 1999 + i * 137,
    quantity: i % 3 === 0 ? 1.25 : (i % 7) + 1,
    vatCode: VAT_CODES[i % VAT_CODES.length] ?? 'RUS_VAT20',
  }));
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2
    ? (sorted[mid] as number)
    : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
};

/**
 * verifyNotification on the 1 KB SDK notification against bare HMAC-SHA1 + JSON.parse. The machine is shared, so
 * both run in alternating short rounds and the medians are reported: a load spike then hits both sides alike.
 */
export async function measureVerify(options: BenchOptions & { rounds?: number } = {}) {
  const body = readFileSync(BENCH_NOTIFICATION_URL);
  const rounds = options.rounds ?? 7;
  const time = (options.timeMs ?? 1000) / rounds;
  let sink: unknown;
  const baseline = () => {
    const digest = createHmac('sha1', KEY).update(body).digest('hex');
    sink = digest === SIGNATURE && JSON.parse(body.toString('utf8'));
  };
  const verify = () => {
    sink = verifyNotification(body, SIGNATURE, KEY);
  };
  const ours: number[] = [];
  const theirs: number[] = [];
  const ratios: number[] = [];
  for (let round = 0; round < rounds; round++) {
    const bench = new Bench({ time, warmupTime: 50 });
    const tasks: [string, () => void][] = [
      ['baseline', baseline],
      ['verify', verify],
    ];
    for (const [name, fn] of round % 2 ? tasks.reverse() : tasks) bench.add(name, fn);
    await bench.run();
    const v = opsPerSecond(bench, 'verify');
    const b = opsPerSecond(bench, 'baseline');
    ours.push(v);
    theirs.push(b);
    ratios.push(v / b);
  }
  if (!sink) throw new Error('benchmark body did not verify');
  return { opsPerSecond: median(ours), baselineOpsPerSecond: median(theirs), ratio: median(ratios) };
}

/** buildBasket on 100 mixed lines (all VAT codes, some fractional quantities). */
export async function measureBuildBasket(options: BenchOptions = {}) {
  const lines = hundredLines();
  const bench = new Bench({ time: options.timeMs ?? 1000, warmupTime: 200 });
  let total = 0;
  bench.add('buildBasket (100 lines)', () => {
    total += buildBasket(lines).amount;
  });
  await bench.run();
  if (total <= 0) throw new Error('buildBasket produced nothing');
  return { opsPerSecond: opsPerSecond(bench, 'buildBasket (100 lines)') };
}

/** The SDK's benchmarks as rows, for `pnpm --filter @checkout/bench bench:sdk`. */
export async function runBench(options: BenchOptions = {}): Promise<Row[]> {
  const verify = await measureVerify({ timeMs: (options.timeMs ?? 1000) * 3 });
  const basket = await measureBuildBasket(options);
  return [
    {
      task: 'verifyNotification (1 KB fixture)',
      opsPerSecond: verify.opsPerSecond,
      baseline: 'createHmac(sha1) + JSON.parse',
      baselineOpsPerSecond: verify.baselineOpsPerSecond,
      ratio: verify.ratio,
    },
    {
      task: 'buildBasket (100 lines)',
      opsPerSecond: basket.opsPerSecond,
      baseline: null,
      baselineOpsPerSecond: null,
      ratio: null,
    },
  ];
}

const fmt = (n: number | null) => (n === null ? '—' : Math.round(n).toLocaleString('en-US'));

export function toMarkdown(rows: readonly Row[]): string {
  const lines = [
    '| task | ops/s | baseline | baseline ops/s | ratio |',
    '| --- | ---: | --- | ---: | ---: |',
  ];
  for (const row of rows) {
    const ratio = row.ratio === null ? '—' : row.ratio.toFixed(2);
    lines.push(
      `| ${row.task} | ${fmt(row.opsPerSecond)} | ${row.baseline ?? '—'} | ${fmt(row.baselineOpsPerSecond)} | ${ratio} |`,
    );
  }
  return lines.join('\n');
}
