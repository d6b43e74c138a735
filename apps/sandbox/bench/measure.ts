import { Agent, request } from 'node:http';
import { performance } from 'node:perf_hooks';

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

const percentile = (sorted: number[], p: number) =>
  sorted.length === 0 ? 0 : (sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0);

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
  const maxRequests = opts.maxRequests ?? 5000;
  const maxMs = opts.maxMs ?? 3000;
  const agent = new Agent({ keepAlive: true, maxSockets: concurrency });
  const url = new URL(opts.url);
  const latencies: number[] = [];
  let started = 0;
  let errors = 0;
  const begin = performance.now();
  const deadline = begin + maxMs;
  const client = async () => {
    while (started < maxRequests && performance.now() < deadline) {
      const i = started++;
      const t0 = performance.now();
      try {
        const status = await once(agent, url, opts.method ?? 'GET', opts.headers ?? {}, opts.body?.(i));
        if (status !== 200) errors++;
      } catch {
        errors++;
      }
      latencies.push(performance.now() - t0);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, client));
  const seconds = (performance.now() - begin) / 1000;
  agent.destroy();
  latencies.sort((a, b) => a - b);
  return {
    requests: latencies.length,
    errors,
    seconds,
    requestsPerSecond: latencies.length / seconds,
    p50Ms: percentile(latencies, 50),
    p99Ms: percentile(latencies, 99),
  };
}
