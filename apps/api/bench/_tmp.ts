import { measureNotificationThroughput } from './notification-throughput.js';

console.log(
  await measureNotificationThroughput({
    adminDatabaseUrl: 'postgres://postgres@127.0.0.1:5432/test',
    durationMs: 3000,
  }),
);
process.exit(0);
