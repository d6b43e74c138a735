import { launchBrowser } from '../e2e/support/browser';

// Runs before any page script: notes the moment the first "add to cart" button exists and is enabled.
const READY_PROBE = `
  new MutationObserver((_, observer) => {
    const button = document.querySelector('[data-testid="add-to-cart"]');
    if (button && !button.disabled) { window.__catalogReadyAt = performance.now(); observer.disconnect(); }
  }).observe(document, { childList: true, subtree: true, attributes: true });
`;

/** Milliseconds from navigation start to a usable catalog, each load in a fresh (cold) browser context. */
export async function measureCatalogReady(url: string, loads = 10): Promise<number[]> {
  const browser = await launchBrowser();
  const samples: number[] = [];
  try {
    for (let index = 0; index < loads; index++) {
      const context = await browser.newContext();
      const page = await context.newPage();
      await page.addInitScript(READY_PROBE);
      await page.goto(url);
      const handle = await page.waitForFunction(
        () => (window as unknown as { __catalogReadyAt?: number }).__catalogReadyAt,
        undefined,
        { timeout: 30_000 },
      );
      samples.push(Number(await handle.jsonValue()));
      await context.close();
    }
  } finally {
    await browser.close();
  }
  return samples;
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}
