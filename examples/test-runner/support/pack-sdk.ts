import { mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { run } from './run.js';

export const SDK_DIR = new URL('../../../packages/invoicebox/', import.meta.url).pathname;

// turbo builds the SDK before this package's tests; a direct `vitest run` after editing src/ builds it here.
function distIsCurrent(): boolean {
  let built: number;
  try {
    built = statSync(join(SDK_DIR, 'dist/cjs/index.js')).mtimeMs;
  } catch {
    return false;
  }
  return readdirSync(join(SDK_DIR, 'src'), { recursive: true, withFileTypes: true }).every(
    (entry) => !entry.isFile() || statSync(join(entry.parentPath, entry.name)).mtimeMs <= built,
  );
}

let packed: Promise<string> | undefined;

/** The SDK as a shop gets it: `pnpm pack` of packages/invoicebox, once per test file. */
export function packSdk(): Promise<string> {
  packed ??= (async () => {
    if (!distIsCurrent()) await run('pnpm', ['run', 'build'], SDK_DIR);
    const destination = mkdtempSync(join(tmpdir(), 'invoicebox-sdk-'));
    await run('pnpm', ['pack', '--pack-destination', destination], SDK_DIR);
    const { version } = JSON.parse(readFileSync(join(SDK_DIR, 'package.json'), 'utf8')) as {
      version: string;
    };
    return join(destination, `checkout-invoicebox-${version}.tgz`);
  })();
  return packed;
}
