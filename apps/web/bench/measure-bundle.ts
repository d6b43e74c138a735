import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import react from '@vitejs/plugin-react';
import { build } from 'vite';

export type InitialJs = { files: { file: string; bytes: number; gzipBytes: number }[]; gzipBytes: number };

/**
 * What a page loads before any of its code runs: the entry chunk and every chunk index.html modulepreloads.
 * Chunks a page imports later (lazy routes, the cart beside the catalog) are not counted, for either build.
 * `base` is the build's public base ('/bare/' for the bare page served beside the shop).
 */
export async function measureInitialJs(distDir: string, base = '/'): Promise<InitialJs> {
  const html = await readFile(join(distDir, 'index.html'), 'utf8');
  const srcs = [
    ...html.matchAll(/<script[^>]*type="module"[^>]*src="([^"]+)"/g),
    ...html.matchAll(/<link[^>]*rel="modulepreload"[^>]*href="([^"]+)"/g),
  ].map((match) => match[1]!);
  const files = await Promise.all(
    [...new Set(srcs)].map(async (src) => {
      const content = await readFile(join(distDir, src.startsWith(base) ? src.slice(base.length) : src));
      return { file: src, bytes: content.length, gzipBytes: gzipSync(content).length };
    }),
  );
  return { files, gzipBytes: files.reduce((sum, file) => sum + file.gzipBytes, 0) };
}

// The floor: one tRPC query rendered with React + react-query + the tRPC client and its react-query adapter.
// It renders the catalog with the same "add to cart" buttons the load probe waits for, so both pages are timed
// to the same moment; the buttons do nothing.
const BARE_ENTRY = `
import { QueryClient, QueryClientProvider, useQuery } from '@tanstack/react-query';
import { createTRPCClient, httpBatchLink } from '@trpc/client';
import { createTRPCContext } from '@trpc/tanstack-react-query';
import { createRoot } from 'react-dom/client';

const { TRPCProvider, useTRPC } = createTRPCContext();
const queryClient = new QueryClient();
const trpcClient = createTRPCClient({ links: [httpBatchLink({ url: __API_URL__ + '/trpc' })] });

function App() {
  const trpc = useTRPC();
  const query = useQuery(trpc.catalog.list.queryOptions());
  if (!query.data) return <p>{query.status}</p>;
  return (
    <ul>
      {query.data.map((product) => (
        <li key={product.sku}>
          {product.name} <button type="button" data-testid="add-to-cart">+</button>
        </li>
      ))}
    </ul>
  );
}

createRoot(document.getElementById('root')).render(
  <QueryClientProvider client={queryClient}>
    <TRPCProvider trpcClient={trpcClient} queryClient={queryClient}>
      <App />
    </TRPCProvider>
  </QueryClientProvider>,
);
`;

type BareOptions = { apiUrl?: string; base?: string };

/**
 * Builds the bare page with the storefront's build settings (React plugin, es2022, production). Its sources live
 * under apps/web for the build so the same node_modules resolve. `base` lets it be served from a folder of the
 * storefront's own build, on the same preview server and origin (the API answers CORS for that origin only).
 */
export async function buildBaseline(
  webRoot: string,
  outDir: string,
  { apiUrl = 'http://localhost:3000', base = '/' }: BareOptions = {},
): Promise<void> {
  const root = join(webRoot, `.bench-baseline-${process.pid}`);
  await mkdir(root, { recursive: true });
  const previous = process.env.NODE_ENV;
  process.env.NODE_ENV = 'production';
  try {
    await writeFile(
      join(root, 'index.html'),
      '<!doctype html><html><body><div id="root"></div><script type="module" src="/main.jsx"></script></body></html>',
    );
    await writeFile(join(root, 'main.jsx'), BARE_ENTRY);
    await build({
      root,
      base,
      configFile: false,
      mode: 'production',
      logLevel: 'warn',
      plugins: [react()],
      define: { __API_URL__: JSON.stringify(apiUrl) },
      build: { outDir, emptyOutDir: true, target: 'es2022' },
    });
  } finally {
    if (previous === undefined) delete process.env.NODE_ENV;
    else process.env.NODE_ENV = previous;
    await rm(root, { recursive: true, force: true });
  }
}
