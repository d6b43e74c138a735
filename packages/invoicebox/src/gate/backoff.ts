/** Reconnect delays: exponential from `baseDelayMs`, capped at `maxDelayMs`. */
export interface GateBackoff {
  /** First delay before jitter; default 500 ms. */
  baseDelayMs?: number;
  /** Cap before jitter; default 30 s. */
  maxDelayMs?: number;
}

/**
 * The delay before reconnect number `attempt` (0-based): "equal jitter", half fixed and half random, so a fleet of
 * replicas cut off together does not come back in one burst, yet none retries at once in a tight loop.
 */
export function reconnectDelay(attempt: number, backoff: GateBackoff = {}, random = Math.random): number {
  const base = backoff.baseDelayMs ?? 500;
  const max = backoff.maxDelayMs ?? 30_000;
  const ceiling = Math.min(max, base * 2 ** Math.min(attempt, 30));
  return Math.round(ceiling / 2 + random() * (ceiling / 2));
}
