import { randomUUID } from 'node:crypto';
import { createServer } from 'node:http';
import { DEMO_SHOP } from '@checkout/invoicebox';
import { startSandbox } from '@checkout/sandbox';
import { loopback } from '../free-port.js';
import { runLoad } from '../load.js';
import { createOrderRequest } from './create-order-request.js';

export type SandboxRateResult = { concurrency: number; sandboxPerSecond: number; barePerSecond: number };

/** The floor: node:http that reads the body, parses it and answers an order-shaped JSON. */
async function startBareServer() {
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const request = JSON.parse(Buffer.concat(chunks).toString('utf8')) as Record<string, unknown>;
      const id = randomUUID();
      const body = JSON.stringify({
        data: { ...request, id, status: 'created', paymentUrl: `http://localhost/order/${id}` },
      });
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return { url: `http://127.0.0.1:${port}`, close: () => new Promise<void>((r) => server.close(() => r())) };
}

async function rate(url: string, concurrency: number, durationMs: number) {
  const send = async () => {
    const response = await fetch(`${url}/v3/billing/api/order/order`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${DEMO_SHOP.token}` },
      body: JSON.stringify(createOrderRequest()),
    });
    const text = await response.text();
    if (response.status !== 200)
      throw new Error(`create order: HTTP ${response.status} ${text.slice(0, 200)}`);
  };
  await runLoad(concurrency, 200, 10_000, send);
  const run = await runLoad(concurrency, 1_000_000, durationMs, send);
  return run.done / run.seconds;
}

/** Create-order requests per second answered by the sandbox vs a bare node:http server, same client and body. */
export async function measureSandboxRate(concurrency = 16, durationMs = 3_000): Promise<SandboxRateResult> {
  const sandbox = await startSandbox({ port: 0, host: '127.0.0.1', rateLimit: false, log: false });
  const bare = await startBareServer();
  try {
    const sandboxPerSecond = await rate(loopback(sandbox.url), concurrency, durationMs);
    const barePerSecond = await rate(bare.url, concurrency, durationMs);
    return { concurrency, sandboxPerSecond, barePerSecond };
  } finally {
    await bare.close();
    await sandbox.close();
  }
}
