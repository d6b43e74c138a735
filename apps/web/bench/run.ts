// Storefront benchmark: initial JS of the production build (gzipped) against a bare React + react-query +
// tRPC baseline, and time to a usable catalog in headless Chromium against real servers.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { startStack } from '../e2e/support/stack';
import { WEB_ROOT } from '../e2e/support/storefront';
import { buildBaseline, measureInitialJs } from './measure-bundle';
import { measureCatalogReady, median } from './measure-load';

export { buildBaseline, measureCatalogReady, measureInitialJs, median, startStack };

const TARGET_KB = 100;
const LOADS = 10;
const kb = (bytes: number) => (bytes / 1024).toFixed(1);

async function main() {
  const stack = await startStack();
  const baselineDir = await mkdtemp(join(tmpdir(), 'checkout-baseline-'));
  try {
    const shop = await measureInitialJs(stack.outDir);
    await buildBaseline(WEB_ROOT, baselineDir);
    const baseline = await measureInitialJs(baselineDir);
    const samples = await measureCatalogReady(stack.info.webUrl, LOADS);

    const verdict = shop.gzipBytes <= TARGET_KB * 1024 ? 'within target' : 'OVER TARGET';
    console.log('## Storefront benchmark\n');
    console.log('| measure | storefront | baseline (React + react-query + tRPC client) | target |');
    console.log('| --- | ---: | ---: | --- |');
    console.log(
      `| initial JS, gzipped | ${kb(shop.gzipBytes)} KB (${verdict}) | ${kb(baseline.gzipBytes)} KB | ≤ ${TARGET_KB} KB |`,
    );
    console.log(
      `| navigation → usable catalog, median of ${LOADS} cold loads | ${median(samples).toFixed(0)} ms | — | — |`,
    );
    console.log(
      `\nStorefront initial files: ${shop.files.map((f) => `${f.file} ${kb(f.gzipBytes)} KB`).join(', ')}`,
    );
    console.log(`Load samples (ms): ${samples.map((sample) => sample.toFixed(0)).join(', ')}`);
    console.log(
      `Own code + shared package over the baseline: ${kb(shop.gzipBytes - baseline.gzipBytes)} KB gzipped.`,
    );
  } finally {
    await rm(baselineDir, { recursive: true, force: true });
    await stack.close();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  main().catch((error) => {
    console.error(error);
    process.exitCode = 1;
  });
}
