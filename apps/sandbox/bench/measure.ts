import { Agent, request } from 'node:http';
import { runLoad as closedLoop, percentile } from '@checkout/testkit';

export interface LoadResult {
  requests: number;
  errors: number;
  seconds: number;
  requestsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
}

export interface LoadOptions {
  url: string;
  method?: 'GET' | 'POST';
  headers?: Record<string, string>;
  /** Body of request number `i` (fresh merchantOrderIds, say). */
  body?: (i: number) => string;
  concurrency?: number;
  maxRequests?: number;
  maxMs?: number;
}

function once(agent: Agent, url: URL, method: string, headers: Record<string, string>, body?: string) {
  return new Promise<number>((resolve, reject) => {
    const req = request(
      url,
      { method, agent, headers: body ? { ...headers, 'content-length': Buffer.byteLength(body) } : headers },
      (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

/** Closed-loop load: `concurrency` keep-alive clients, each sending its next request when the last one answered. */
export async function runLoad(opts: LoadOptions): Promise<LoadResult> {
  const concurrency = opts.concurrency ?? 16;
  const agent = new Agent({ keepAlive: true, maxSockets: concurrency });
  const url = new URL(opts.url);
  let errors = 0;
  const run = await closedLoop(concurrency, opts.maxRequests ?? 5000, opts.maxMs ?? 3000, async (i) => {
    const status = await once(agent, url, opts.method ?? 'GET', opts.headers ?? {}, opts.body?.(i)).catch(
      () => 0,
    );
    if (status !== 200) errors++;
  });
  agent.destroy();
  return {
    requests: run.done,
    errors,
    seconds: run.seconds,
    requestsPerSecond: run.done / run.seconds,
    p50Ms: percentile(run.latencies, 50),
    p99Ms: percentile(run.latencies, 99),
  };
}
