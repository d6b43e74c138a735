import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build, preview } from 'vite';

export const WEB_ROOT = fileURLToPath(new URL('../..', import.meta.url));

function restoreEnv(name: string, value: string | undefined) {
  if (value === undefined) delete process.env[name];
  else process.env[name] = value;
}

/** Production build of the storefront pointed at `apiUrl`, served by `vite preview` on `port`. */
export async function startStorefront({ apiUrl, port }: { apiUrl: string; port: number }) {
  const outDir = await mkdtemp(join(tmpdir(), 'checkout-web-'));
  const previous = { api: process.env.VITE_API_URL, nodeEnv: process.env.NODE_ENV };
  process.env.VITE_API_URL = apiUrl;
  // Vitest sets NODE_ENV=test, which would give React's development build; test what ships.
  process.env.NODE_ENV = 'production';
  try {
    await build({
      root: WEB_ROOT,
      configFile: join(WEB_ROOT, 'vite.config.ts'),
      mode: 'production',
      logLevel: 'warn',
      build: { outDir, emptyOutDir: true },
    });
  } finally {
    restoreEnv('VITE_API_URL', previous.api);
    restoreEnv('NODE_ENV', previous.nodeEnv);
  }
  const server = await preview({
    root: WEB_ROOT,
    configFile: join(WEB_ROOT, 'vite.config.ts'),
    logLevel: 'warn',
    build: { outDir },
    preview: { host: '127.0.0.1', port, strictPort: true, open: false },
  });
  return {
    url: `http://localhost:${port}`,
    outDir,
    async close() {
      await server.close();
      await rm(outDir, { recursive: true, force: true });
    },
  };
}
