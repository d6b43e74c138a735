export interface RateLimitConfig {
  requests: number;
  windowMs: number;
}

/** Fixed-window request counter per key (Invoicebox: 100 requests / 30 s per account). */
export class RateLimiter {
  private readonly windows = new Map<string, { start: number; count: number }>();

  constructor(private readonly config: RateLimitConfig | false) {}

  /** Counts one request; returns the seconds to wait when over the limit, else undefined. */
  hit(key: string, now = Date.now()): number | undefined {
    if (!this.config) return undefined;
    const { requests, windowMs } = this.config;
    let window = this.windows.get(key);
    if (!window || now - window.start >= windowMs) {
      window = { start: now, count: 0 };
      this.windows.set(key, window);
    }
    window.count += 1;
    if (window.count <= requests) return undefined;
    return Math.max(1, Math.ceil((window.start + windowMs - now) / 1000));
  }

  reset() {
    this.windows.clear();
  }
}
