import type { Browser } from 'playwright-core';
import { launchBrowser } from '../e2e/support/browser';

// Runs before any page script: notes the moment the first "add to cart" button exists and is enabled.
const READY_PROBE = `
  new MutationObserver((_, observer) => {
    const button = document.querySelector('[data-testid="add-to-cart"]');
    if (button && !button.disabled) { window.__catalogReadyAt = performance.now(); observer.disconnect(); }
  }).observe(document, { childList: true, subtree: true, attributes: true });
`;

/** One cold load (a fresh browser context): milliseconds from navigation start to a usable catalog. */
async function loadOnce(browser: Browser, url: string): Promise<number> {
  const context = await browser.newContext();
  try {
    const page = await context.newPage();
    await page.addInitScript(READY_PROBE);
    await page.goto(url);
    const handle = await page.waitForFunction(
      () => (window as unknown as { __catalogReadyAt?: number }).__catalogReadyAt,
      undefined,
      { timeout: 30_000 },
    );
    return Number(await handle.jsonValue());
  } finally {
    await context.close();
  }
}

/**
 * Cold loads of each page in one Chromium, taken in turns (a, b, a, b…) so drift in the machine's load falls on
 * all of them alike; one unrecorded load of each first warms the servers.
 */
export async function compareCatalogReady<K extends string>(
  urls: Record<K, string>,
  loads = 10,
): Promise<Record<K, number[]>> {
  const keys = Object.keys(urls) as K[];
  const samples = Object.fromEntries(keys.map((key) => [key, [] as number[]])) as Record<K, number[]>;
  const browser = await launchBrowser();
  try {
    for (const key of keys) await loadOnce(browser, urls[key]);
    for (let index = 0; index < loads; index++) {
      for (const key of keys) samples[key].push(await loadOnce(browser, urls[key]));
    }
  } finally {
    await browser.close();
  }
  return samples;
}

/** Milliseconds from navigation start to a usable catalog, each load in a fresh (cold) browser context. */
export async function measureCatalogReady(url: string, loads = 10): Promise<number[]> {
  return (await compareCatalogReady({ page: url }, loads)).page;
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}
