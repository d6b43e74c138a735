import type { Company } from './to-companies.js';

export type CompanyCacheSettings = { foundTtlMs: number; notFoundTtlMs: number; cacheSize: number };

type Entry = { companies: Company[]; expiresAt: number };

/**
 * Lookup answers by INN in this replica's memory: a company's registry entry changes rarely, so a found answer is
 * kept long and "no such company" briefly (it may just have been registered). Least recently used INNs go first
 * once `cacheSize` is reached. Concurrent lookups of one INN share one Invoicebox call; failures are not kept.
 */
export class CompanyCache {
  private readonly entries = new Map<string, Entry>();
  private readonly pending = new Map<string, Promise<Company[]>>();

  constructor(private readonly settings: CompanyCacheSettings) {}

  /** The kept answer for `vatNumber`, or `ask`'s (then kept). */
  get(vatNumber: string, ask: () => Promise<Company[]>): Promise<Company[]> {
    const kept = this.entries.get(vatNumber);
    if (kept) {
      this.entries.delete(vatNumber);
      if (kept.expiresAt > Date.now()) {
        // Re-inserted: a Map iterates in insertion order, so the first key is the least recently used.
        this.entries.set(vatNumber, kept);
        return Promise.resolve(kept.companies);
      }
    }
    let asking = this.pending.get(vatNumber);
    if (!asking) {
      asking = ask()
        .then((companies) => {
          this.keep(vatNumber, companies);
          return companies;
        })
        .finally(() => this.pending.delete(vatNumber));
      this.pending.set(vatNumber, asking);
    }
    return asking;
  }

  private keep(vatNumber: string, companies: Company[]) {
    const { foundTtlMs, notFoundTtlMs, cacheSize } = this.settings;
    this.entries.delete(vatNumber);
    while (this.entries.size >= cacheSize) {
      const oldest = this.entries.keys().next();
      if (oldest.done) break;
      this.entries.delete(oldest.value);
    }
    const ttl = companies.length > 0 ? foundTtlMs : notFoundTtlMs;
    this.entries.set(vatNumber, { companies, expiresAt: Date.now() + ttl });
  }
}
