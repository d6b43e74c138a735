import { execFile } from 'node:child_process';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** apps/web, found through the workspace dependency rather than a path guess. */
export function webRoot(): string {
  return dirname(dirname(fileURLToPath(import.meta.resolve('@checkout/web/bench'))));
}

/** The storefront's production build (its own vite config, `vite build`), into a fresh temporary folder. */
export async function buildStorefront(apiUrl = 'http://localhost:3000'): Promise<string> {
  const root = webRoot();
  const outDir = await mkdtemp(join(tmpdir(), 'checkout-storefront-'));
  await run(
    join(root, 'node_modules', '.bin', 'vite'),
    ['build', '--outDir', outDir, '--emptyOutDir', '--logLevel', 'warn'],
    {
      cwd: root,
      env: { ...process.env, NODE_ENV: 'production', VITE_API_URL: apiUrl },
      timeout: 180_000,
    },
  );
  return outDir;
}
