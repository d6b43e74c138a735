import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import react from '@vitejs/plugin-react';
import { build } from 'vite';

export type InitialJs = { files: { file: string; bytes: number; gzipBytes: number }[]; gzipBytes: number };

/** Entry chunk + its static imports, as the built index.html loads them before anything runs. */
export async function measureInitialJs(distDir: string): Promise<InitialJs> {
  const html = await readFile(join(distDir, 'index.html'), 'utf8');
  const srcs = [
    ...html.matchAll(/<script[^>]*type="module"[^>]*src="([^"]+)"/g),
    ...html.matchAll(/<link[^>]*rel="modulepreload"[^>]*href="([^"]+)"/g),
  ].map((match) => match[1]!);
  const files = await Promise.all(
    [...new Set(srcs)].map(async (src) => {
      const content = await readFile(join(distDir, src.replace(/^\//, '')));
      return { file: src, bytes: content.length, gzipBytes: gzipSync(content).length };
    }),
  );
  return { files, gzipBytes: files.reduce((sum, file) => sum + file.gzipBytes, 0) };
}

const BASELINE_ENTRY = `
import { QueryClient, QueryClientProvider, useQuery } from '@tanstack/react-query';
import { createTRPCClient, httpBatchLink } from '@trpc/client';
import { createTRPCContext } from '@trpc/tanstack-react-query';
import { createRoot } from 'react-dom/client';

const { TRPCProvider, useTRPC } = createTRPCContext();
const queryClient = new QueryClient();
const trpcClient = createTRPCClient({ links: [httpBatchLink({ url: '/trpc' })] });

function App() {
  const trpc = useTRPC();
  const query = useQuery(trpc.catalog.list.queryOptions());
  return <p>{query.status}</p>;
}

createRoot(document.getElementById('root')).render(
  <QueryClientProvider client={queryClient}>
    <TRPCProvider trpcClient={trpcClient} queryClient={queryClient}>
      <App />
    </TRPCProvider>
  </QueryClientProvider>,
);
`;

/**
 * The floor we compare against: React + react-query + the tRPC client and its react-query adapter,
 * built the same way. Lives under apps/web so the same node_modules resolve.
 */
export async function buildBaseline(webRoot: string, outDir: string): Promise<void> {
  const root = join(webRoot, `.bench-baseline-${process.pid}`);
  await mkdir(root, { recursive: true });
  try {
    await writeFile(
      join(root, 'index.html'),
      '<!doctype html><html><body><div id="root"></div><script type="module" src="/main.jsx"></script></body></html>',
    );
    await writeFile(join(root, 'main.jsx'), BASELINE_ENTRY);
    await build({
      root,
      configFile: false,
      logLevel: 'warn',
      plugins: [react()],
      build: { outDir, emptyOutDir: true, target: 'es2022' },
    });
  } finally {
    await rm(root, { recursive: true, force: true });
  }
}
