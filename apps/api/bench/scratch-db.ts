// notification-throughput.ts and order-creation.ts (owned elsewhere) still import these from here.
export { percentile, runLoad, scratchDatabase } from '@checkout/testkit';
