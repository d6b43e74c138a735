import { afterEach, describe, expect, it, vi } from 'vitest';
import { CompanyCache } from '../src/companies/company-cache.js';
import type { Company } from '../src/companies/to-companies.js';

const company = (vatNumber: string): Company => ({
  name: `ООО ${vatNumber}`,
  kpp: null,
  address: null,
  vatNumber,
});

/** A registry that counts how often it is asked, and knows INNs starting with 77. */
function registry() {
  const asked: string[] = [];
  return {
    asked,
    ask: (inn: string) => async () => {
      asked.push(inn);
      return inn.startsWith('77') ? [company(inn)] : [];
    },
  };
}

describe('CompanyCache', () => {
  afterEach(() => vi.useRealTimers());

  it('keeps found companies long and "not found" briefly', async () => {
    vi.useFakeTimers();
    const cache = new CompanyCache({ foundTtlMs: 60_000, notFoundTtlMs: 1_000, cacheSize: 10 });
    const r = registry();
    for (const inn of ['7700000001', '5000000001']) await cache.get(inn, r.ask(inn));
    vi.advanceTimersByTime(1_500);
    for (const inn of ['7700000001', '5000000001']) await cache.get(inn, r.ask(inn));
    expect(r.asked).toEqual(['7700000001', '5000000001', '5000000001']);
    vi.advanceTimersByTime(60_000);
    await cache.get('7700000001', r.ask('7700000001'));
    expect(r.asked.filter((inn) => inn === '7700000001')).toHaveLength(2);
  });

  it('forgets the least recently used INN once full', async () => {
    const cache = new CompanyCache({ foundTtlMs: 60_000, notFoundTtlMs: 60_000, cacheSize: 2 });
    const r = registry();
    await cache.get('7700000001', r.ask('7700000001'));
    await cache.get('7700000002', r.ask('7700000002'));
    await cache.get('7700000001', r.ask('7700000001')); // used again: 7700000002 is now the oldest
    await cache.get('7700000003', r.ask('7700000003'));
    await cache.get('7700000001', r.ask('7700000001'));
    await cache.get('7700000002', r.ask('7700000002'));
    expect(r.asked).toEqual(['7700000001', '7700000002', '7700000003', '7700000002']);
  });

  it('shares one question between concurrent lookups and keeps no failure', async () => {
    const cache = new CompanyCache({ foundTtlMs: 60_000, notFoundTtlMs: 60_000, cacheSize: 10 });
    let calls = 0;
    const failing = async (): Promise<Company[]> => {
      calls++;
      throw new Error('Invoicebox away');
    };
    const results = await Promise.allSettled([
      cache.get('7700000001', failing),
      cache.get('7700000001', failing),
    ]);
    expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected']);
    expect(calls).toBe(1);
    const r = registry();
    expect(await cache.get('7700000001', r.ask('7700000001'))).toEqual([company('7700000001')]);
  });
});
