import type { Customer } from '../protocol/customer.js';

export interface PendingConfirmation {
  orderId: string;
  customer: Customer;
  last4: string;
}

export const PENDING_CONFIRMATION_LIMIT = 1000;
export const PENDING_CONFIRMATION_TTL_MS = 15 * 60_000;

/**
 * Card payments waiting for their confirmation code. Anyone can start one by posting the payment form, so
 * the set is bounded: the oldest is forgotten when it is full, and each expires after a while (a shopper who
 * comes back later sees the payment form again).
 */
export class PendingConfirmations {
  private readonly entries = new Map<string, PendingConfirmation & { expiresAt: number }>();

  constructor(
    private readonly limit = PENDING_CONFIRMATION_LIMIT,
    private readonly ttlMs = PENDING_CONFIRMATION_TTL_MS,
    private readonly now: () => number = Date.now,
  ) {}

  get size() {
    return this.entries.size;
  }

  add(id: string, pending: PendingConfirmation) {
    this.sweep();
    // One code per order: a second payment attempt replaces the first.
    for (const [key, entry] of this.entries) if (entry.orderId === pending.orderId) this.entries.delete(key);
    while (this.entries.size >= this.limit) {
      const oldest = this.entries.keys().next().value;
      if (oldest === undefined) break;
      this.entries.delete(oldest);
    }
    this.entries.set(id, { ...pending, expiresAt: this.now() + this.ttlMs });
  }

  /** The pending payment, still valid, without removing it. */
  get(id: string): PendingConfirmation | undefined {
    const entry = this.entries.get(id);
    if (!entry) return undefined;
    if (entry.expiresAt <= this.now()) {
      this.entries.delete(id);
      return undefined;
    }
    return entry;
  }

  delete(id: string) {
    this.entries.delete(id);
  }

  private sweep() {
    const now = this.now();
    // Insertion order is expiry order (same lifetime for all), so stop at the first live one.
    for (const [key, entry] of this.entries) {
      if (entry.expiresAt > now) break;
      this.entries.delete(key);
    }
  }
}
