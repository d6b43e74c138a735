import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { run } from './run.js';

const SDK_DIR = new URL('../../../packages/invoicebox/', import.meta.url).pathname;

let packed: Promise<string> | undefined;

/**
 * The SDK as a shop gets it: `pnpm pack` of packages/invoicebox (turbo builds it before this package's tests).
 * Packed once per test process.
 */
export function packSdk(): Promise<string> {
  packed ??= (async () => {
    if (!existsSync(join(SDK_DIR, 'dist/cjs/index.js'))) await run('pnpm', ['run', 'build'], SDK_DIR);
    const destination = mkdtempSync(join(tmpdir(), 'invoicebox-sdk-'));
    await run('pnpm', ['pack', '--pack-destination', destination], SDK_DIR);
    const { version } = JSON.parse(readFileSync(join(SDK_DIR, 'package.json'), 'utf8')) as {
      version: string;
    };
    return join(destination, `checkout-invoicebox-${version}.tgz`);
  })();
  return packed;
}
