import { createHash } from 'node:crypto';

export type RejectedPost = { at: string; ip: string; reason: string; sha256: string; bytes: number };

const RING_SIZE = 50;
/** Sampled rejections per minute: logged, kept in the ring and (when small) diagnosed. */
const SAMPLES_PER_MINUTE = 10;

/**
 * Unsigned posts to the webhook, kept in memory only (per replica): a count per reason, and a ring of sampled
 * digests. A flood therefore costs neither database rows nor log lines beyond the sampling rate.
 */
export class WebhookRejections {
  private readonly ring: RejectedPost[] = [];
  private readonly counts = new Map<string, number>();
  private tokens = SAMPLES_PER_MINUTE;
  private refilledAt = Date.now();
  /** Rejections since the last sampled one (reported with it, so the log still shows the flood's size). */
  private unsampled = 0;

  /** Whether the next rejection would be sampled (cheap; takes nothing). */
  wouldSample(now = Date.now()): boolean {
    this.refill(now);
    return this.tokens >= 1;
  }

  /** Counts one rejected post; returns the digest when it was sampled, with how many went unsampled before it. */
  record(ip: string, reason: string, raw: Buffer): { sample: RejectedPost; unsampledBefore: number } | null {
    this.counts.set(reason, (this.counts.get(reason) ?? 0) + 1);
    const now = Date.now();
    this.refill(now);
    if (this.tokens < 1) {
      this.unsampled += 1;
      return null;
    }
    this.tokens -= 1;
    const sample = {
      at: new Date(now).toISOString(),
      ip,
      reason,
      sha256: createHash('sha256').update(raw).digest('hex'),
      bytes: raw.length,
    };
    this.ring.push(sample);
    if (this.ring.length > RING_SIZE) this.ring.shift();
    const unsampledBefore = this.unsampled;
    this.unsampled = 0;
    return { sample, unsampledBefore };
  }

  snapshot() {
    const byReason = Object.fromEntries(this.counts);
    const total = [...this.counts.values()].reduce((sum, n) => sum + n, 0);
    return { total, byReason, recent: [...this.ring].reverse() };
  }

  private refill(now: number) {
    const elapsed = now - this.refilledAt;
    if (elapsed <= 0) return;
    this.tokens = Math.min(SAMPLES_PER_MINUTE, this.tokens + (elapsed / 60_000) * SAMPLES_PER_MINUTE);
    this.refilledAt = now;
  }
}
