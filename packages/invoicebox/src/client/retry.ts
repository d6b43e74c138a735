/** Retry of reads on network errors and 408/425/429/503; writes are never retried, so nothing is charged twice. */
export interface RetryOptions {
  /** Extra attempts for reads (GET) after the first; default 3. Writes are never retried. */
  retries?: number;
  /** First back-off delay; doubles each attempt. Default 500 ms. */
  baseDelayMs?: number;
  /** Cap for one delay; a `Retry-After` longer than this ends the retries. Default 10 s. */
  maxDelayMs?: number;
}

export type ResolvedRetry = Required<RetryOptions>;

export function resolveRetry(options: RetryOptions | undefined): ResolvedRetry {
  return {
    retries: Math.max(0, Math.floor(options?.retries ?? 3)),
    baseDelayMs: Math.max(0, options?.baseDelayMs ?? 500),
    maxDelayMs: Math.max(0, options?.maxDelayMs ?? 10_000),
  };
}

/** Statuses a read may be repeated on: the server did not (or could not) handle it yet. */
export const RETRYABLE_STATUSES: ReadonlySet<number> = new Set([408, 425, 429, 503]);

/** `Retry-After` as delta-seconds or an HTTP date -> milliseconds from now (>= 0), or null when absent/garbled. */
export function parseRetryAfter(header: string | null, now: number = Date.now()): number | null {
  if (header === null) return null;
  const text = header.trim();
  if (/^\d+$/.test(text)) return Number(text) * 1000;
  const date = Date.parse(text);
  return Number.isNaN(date) ? null : Math.max(0, date - now);
}

/** Exponential back-off with "equal jitter": half fixed, half random, so parallel clients spread out. */
export function backoffDelay(attempt: number, retry: ResolvedRetry): number {
  const exponential = Math.min(retry.maxDelayMs, retry.baseDelayMs * 2 ** attempt);
  return exponential / 2 + Math.random() * (exponential / 2);
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
