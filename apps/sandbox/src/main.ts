import { optionsFromEnv } from './env.js';
import { createMerchants } from './merchants.js';
import { startSandbox } from './start-sandbox.js';

const options = optionsFromEnv();
const sandbox = await startSandbox(options);
const merchants = createMerchants(options.merchants);
console.log(`Invoicebox sandbox on ${sandbox.url} (API ${sandbox.url}/v3, dashboard ${sandbox.url}/)`);
console.log(`data: ${options.dataFile ?? 'in memory'}`);
for (const m of merchants.list) {
  // Only the public demo shop's credentials are printed; configured shops show their id alone.
  const demo = m.merchantId === 'ffffffff-ffff-ffff-ffff-ffffffffffff';
  console.log(
    `shop "${m.name ?? ''}" merchantId ${m.merchantId}${demo ? ` token ${m.token}` : ''} -> ${m.notificationUrl ?? '(no notificationUrl)'}`,
  );
}

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    sandbox.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  });
}
