import { measureCreateOrder, toMarkdown } from './create-order-bench.js';

export { type CreateOrderBench, measureCreateOrder, toMarkdown } from './create-order-bench.js';
export { type LoadOptions, type LoadResult, runLoad } from './measure.js';

// Run directly (`pnpm --filter @checkout/sandbox bench`): print the table; importing only exports the functions.
if (import.meta.url === `file://${process.argv[1]}`) {
  const result = await measureCreateOrder();
  console.log(toMarkdown(result));
  if (result.sandbox.errors > 0) process.exitCode = 1;
}
