import { measureNotificationThroughput } from './notification-throughput.js';
import { measureOrderCreation } from './order-creation.js';

export { startCheckoutFloor } from './floors/checkout-floor.js';
export { startNotificationFloor } from './floors/notification-floor.js';
export { measureNotificationThroughput } from './notification-throughput.js';
export { measureOrderCreation } from './order-creation.js';

// Runs against the PostgreSQL server the tests use; each measurement gets its own scratch database.
const adminDatabaseUrl =
  process.env.BENCH_DATABASE_URL ??
  process.env.TEST_DATABASE_URL ??
  'postgres://postgres@127.0.0.1:5432/test';

const isMain = import.meta.url === `file://${process.argv[1]}`;
if (isMain) {
  const throughput = await measureNotificationThroughput({
    adminDatabaseUrl,
    concurrency: 16,
    durationMs: 3_000,
  });
  const creation = await measureOrderCreation({ adminDatabaseUrl, samples: 100 });
  const f = (n: number, digits = 1) => n.toFixed(digits);
  console.log(`## @checkout/api benchmark (PostgreSQL, ${throughput.concurrency} concurrent senders)

| measurement | api | baseline | api / baseline |
| --- | ---: | ---: | ---: |
| notifications applied per second, vs the same job done bare | ${f(throughput.apiPerSecond, 0)} | ${f(throughput.sameJobPerSecond, 0)} | ${f(throughput.sameJobRatio, 2)} |
| notifications applied per second, vs the statement alone | ${f(throughput.apiPerSecond, 0)} | ${f(throughput.baselinePerSecond, 0)} | ${f(throughput.ratio, 2)} |
| orders.create p50, ms (${creation.samples} sequential), vs the same job done bare | ${f(creation.apiP50)} | ${f(creation.sameJobP50)} | ${f(creation.apiP50 / creation.sameJobP50, 2)} |
| orders.create p99, ms, vs the same job done bare | ${f(creation.apiP99)} | ${f(creation.sameJobP99)} | ${f(creation.apiP99 / creation.sameJobP99, 2)} |
| orders.create p50, ms, vs the parts alone | ${f(creation.apiP50)} | ${f(creation.baselineP50)} | ${f(creation.apiP50 / creation.baselineP50, 2)} |

Baselines (bench/floors/): the same job done bare on node:http, fed the same bytes; and the parts alone: the route's
own prepared statement sent through postgres.js, and the createOrder request the shop builds plus one INSERT.`);
  process.exit(0);
}
