// The measuring functions other workspaces export from their bench/ folders. Imported by a specifier held in a
// variable: their files follow their own compiler settings (apps/web uses bundler resolution), so this
// package's typecheck describes only the part it calls.
import { fileURLToPath } from 'node:url';

export type ApiBench = {
  measureNotificationThroughput(opts: {
    adminDatabaseUrl: string;
    concurrency?: number;
    durationMs?: number;
    poolSize?: number;
  }): Promise<{ apiPerSecond: number; baselinePerSecond: number; ratio: number; concurrency: number }>;
  measureOrderCreation(opts: { adminDatabaseUrl: string; samples?: number }): Promise<{
    samples: number;
    apiP50: number;
    apiP99: number;
    baselineP50: number;
    baselineP99: number;
  }>;
};

export type WebBench = {
  measureInitialJs(
    distDir: string,
  ): Promise<{ files: { file: string; gzipBytes: number }[]; gzipBytes: number }>;
  buildBaseline(webRoot: string, outDir: string): Promise<void>;
  /** Sandbox + API + the storefront's production build under `vite preview`, wired together. */
  startStack(): Promise<{ info: { webUrl: string }; close(): Promise<void> }>;
  measureCatalogReady(url: string, loads?: number): Promise<number[]>;
  median(values: number[]): number;
};

export type InvoiceboxBench = {
  measureVerify(opts?: { timeMs?: number; rounds?: number }): Promise<{
    opsPerSecond: number;
    baselineOpsPerSecond: number;
    ratio: number;
  }>;
};

type LoadResult = {
  requests: number;
  errors: number;
  requestsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
};
export type SandboxBench = {
  measureCreateOrder(opts?: { concurrency?: number; maxRequests?: number; maxMs?: number }): Promise<{
    sandbox: LoadResult;
    baseline: LoadResult;
    ratio: number;
  }>;
};

async function importFirst<T>(specifiers: string[]): Promise<T> {
  let lastError: unknown;
  for (const specifier of specifiers) {
    try {
      return (await import(specifier)) as T;
    } catch (error) {
      lastError = error;
    }
  }
  throw lastError;
}

export function apiBench(): Promise<ApiBench> {
  // '@checkout/api/bench' once apps/api exports it; its file until then.
  return importFirst<ApiBench>([
    '@checkout/api/bench',
    fileURLToPath(new URL('../../../apps/api/bench/run.ts', import.meta.url)),
  ]);
}

export function webBench(): Promise<WebBench> {
  const specifier = '@checkout/web/bench';
  return import(specifier) as Promise<WebBench>;
}

export function invoiceboxBench(): Promise<InvoiceboxBench> {
  const specifier = '@checkout/invoicebox/bench';
  return import(specifier) as Promise<InvoiceboxBench>;
}

export function sandboxBench(): Promise<SandboxBench> {
  const specifier = '@checkout/sandbox/bench';
  return import(specifier) as Promise<SandboxBench>;
}
