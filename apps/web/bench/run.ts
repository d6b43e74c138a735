// Storefront benchmark: the shop's initial JS and its time to a usable catalog, each next to a bare Vite React
// page that renders one tRPC query (React + react-query + tRPC), built the same way and, for the load time,
// served by the same preview server from the same API and timed in the same Chromium.
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { startStack } from '../e2e/support/stack';
import { WEB_ROOT } from '../e2e/support/storefront';
import { buildBaseline, type InitialJs, measureInitialJs } from './measure-bundle';
import { compareCatalogReady, measureCatalogReady, median } from './measure-load';

export { buildBaseline, compareCatalogReady, measureCatalogReady, measureInitialJs, median, startStack };

const BARE_BASE = '/bare/';

export type StorefrontFigures = {
  initialJs: { shop: InitialJs; bare: InitialJs };
  /** Navigation to a usable catalog, ms, one sample per cold load. */
  catalogReadyMs: { shop: number[]; bare: number[] };
};

/** Both storefront figures and their floors, from one stack (sandbox, API, the shop's production build). */
export async function measureStorefront({ loads = 10 } = {}): Promise<StorefrontFigures> {
  const stack = await startStack();
  try {
    // Inside the shop's own build folder: the same preview server, origin and API serve both pages.
    const bareDir = join(stack.outDir, BARE_BASE);
    await buildBaseline(WEB_ROOT, bareDir, { apiUrl: stack.info.apiUrl, base: BARE_BASE });
    const initialJs = {
      shop: await measureInitialJs(stack.outDir),
      bare: await measureInitialJs(bareDir, BARE_BASE),
    };
    const catalogReadyMs = await compareCatalogReady(
      { shop: stack.info.webUrl, bare: new URL(BARE_BASE, stack.info.webUrl).href },
      loads,
    );
    return { initialJs, catalogReadyMs };
  } finally {
    await stack.close();
  }
}

const kb = (bytes: number) => (bytes / 1024).toFixed(1);

async function main() {
  const LOADS = 10;
  const { initialJs, catalogReadyMs } = await measureStorefront({ loads: LOADS });
  const shopMs = median(catalogReadyMs.shop);
  const bareMs = median(catalogReadyMs.bare);
  console.log('## Storefront benchmark\n');
  console.log('| measure | storefront | bare page (one tRPC query) | ratio | goal |');
  console.log('| --- | ---: | ---: | ---: | --- |');
  console.log(
    `| initial JS, KB gzipped | ${kb(initialJs.shop.gzipBytes)} | ${kb(initialJs.bare.gzipBytes)} | ${(initialJs.shop.gzipBytes / initialJs.bare.gzipBytes).toFixed(2)}× | ≤ 1.05× |`,
  );
  console.log(
    `| navigation → usable catalog, ms, median of ${LOADS} cold loads | ${shopMs.toFixed(0)} | ${bareMs.toFixed(0)} | ${(shopMs / bareMs).toFixed(2)}× | ≤ 1.5× |`,
  );
  const files = (js: InitialJs) => js.files.map((f) => `${f.file} ${kb(f.gzipBytes)} KB`).join(', ');
  console.log(`\nStorefront initial files: ${files(initialJs.shop)}; bare page: ${files(initialJs.bare)}`);
  const list = (samples: number[]) => samples.map((sample) => sample.toFixed(0)).join(', ');
  console.log(`Load samples (ms): shop ${list(catalogReadyMs.shop)}; bare ${list(catalogReadyMs.bare)}`);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  main().catch((error) => {
    console.error(error);
    process.exitCode = 1;
  });
}
