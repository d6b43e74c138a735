import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { DEMO_SHOP } from '@checkout/invoicebox';
import { startSandbox } from '../src/index.js';
import { docsOrder } from '../test/support/fixtures.js';
import { type LoadResult, runLoad } from './measure.js';

export interface CreateOrderBench {
  sandbox: LoadResult;
  baseline: LoadResult;
  /** sandbox requests/s ÷ bare node:http requests/s (target >= 0.3). */
  ratio: number;
}

/** The docs' create-order body (the tests' fixture) with a fresh merchantOrderId per request. */
function orderBody(prefix: string): (i: number) => string {
  const template = JSON.stringify(docsOrder({ merchantOrderId: '__ID__' }));
  return (i) => template.replace('__ID__', `${prefix}-${i}`);
}

/**
 * Create-order throughput and latency of the sandbox (in memory, rate limit off) next to a bare node:http server
 * answering a fixed JSON body, measured in the same run with the same client.
 */
export async function measureCreateOrder(
  opts: { concurrency?: number; maxRequests?: number; maxMs?: number } = {},
): Promise<CreateOrderBench> {
  const load = {
    concurrency: opts.concurrency ?? 16,
    maxRequests: opts.maxRequests ?? 5000,
    maxMs: opts.maxMs ?? 3000,
  };
  const fixed = JSON.stringify({
    data: { id: '0188d934-85f8-f872-2ac6-ad202d71b985', status: 'created' },
    extendedData: [],
  });
  const bare = createServer((req, res) => {
    req.resume();
    req.on('end', () => res.writeHead(200, { 'content-type': 'application/json' }).end(fixed));
  });
  await new Promise<void>((r) => bare.listen(0, '127.0.0.1', r));
  const sandbox = await startSandbox({
    port: 0,
    log: false,
    rateLimit: false,
    merchants: [{ ...DEMO_SHOP }],
  });
  try {
    const headers = { authorization: `Bearer ${DEMO_SHOP.token}`, 'content-type': 'application/json' };
    const url = `${sandbox.url}/v3/billing/api/order/order`;
    const bareUrl = `http://127.0.0.1:${(bare.address() as AddressInfo).port}/`;
    // Warm-up (JIT, sockets), not counted.
    await runLoad({ url, method: 'POST', headers, body: orderBody('warm'), ...load, maxRequests: 300 });
    await runLoad({
      url: bareUrl,
      method: 'POST',
      headers,
      body: orderBody('warm'),
      ...load,
      maxRequests: 300,
    });
    const baseline = await runLoad({
      url: bareUrl,
      method: 'POST',
      headers,
      body: orderBody('base'),
      ...load,
    });
    const measured = await runLoad({
      url,
      method: 'POST',
      headers,
      body: orderBody(`run-${Date.now()}`),
      ...load,
    });
    return { sandbox: measured, baseline, ratio: measured.requestsPerSecond / baseline.requestsPerSecond };
  } finally {
    await sandbox.close();
    await new Promise((r) => bare.close(r));
  }
}

export function toMarkdown(result: CreateOrderBench, concurrency = 16): string {
  const row = (name: string, r: LoadResult) =>
    `| ${name} | ${r.requests} | ${r.errors} | ${r.requestsPerSecond.toFixed(0)} | ${r.p50Ms.toFixed(2)} | ${r.p99Ms.toFixed(2)} |`;
  return [
    `Create order, ${concurrency} concurrent keep-alive clients`,
    '',
    '| server | requests | errors | req/s | p50 ms | p99 ms |',
    '| --- | ---: | ---: | ---: | ---: | ---: |',
    row('sandbox POST /v3/billing/api/order/order', result.sandbox),
    row('bare node:http, fixed JSON', result.baseline),
    '',
    `ratio sandbox / bare: **${result.ratio.toFixed(2)}** (target >= 0.3)`,
  ].join('\n');
}
