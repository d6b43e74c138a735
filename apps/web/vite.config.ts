import type { IncomingMessage, ServerResponse } from 'node:http';
import react from '@vitejs/plugin-react';
import { defaultClientConditions, defineConfig, type Plugin } from 'vite';

// The API lets in only the storefront's origin, http://localhost:<port>. Vite's banner prints 127.0.0.1 (where we
// bind), so send that spelling to the one the API accepts instead of failing on CORS.
function toLocalhost(req: IncomingMessage, res: ServerResponse, next: () => void) {
  const host = req.headers.host ?? '';
  if (!host.startsWith('127.0.0.1:')) return next();
  res.statusCode = 307;
  res.setHeader('location', `http://localhost:${host.slice('127.0.0.1:'.length)}${req.url ?? '/'}`);
  res.end();
}

// `pnpm dev` runs three servers at once; say plainly which URL is the shop.
function shopUrl(): Plugin {
  return {
    name: 'shop-url',
    configureServer(server) {
      server.middlewares.use(toLocalhost);
      server.httpServer?.once('listening', () => {
        const address = server.httpServer?.address();
        const port = typeof address === 'object' && address ? address.port : 5173;
        setTimeout(() => {
          server.config.logger.info(
            `\n  Магазин: http://localhost:${port}/   сотрудникам: http://localhost:${port}/admin\n`,
          );
        }, 50);
      });
    },
    configurePreviewServer(server) {
      server.middlewares.use(toLocalhost);
    },
  };
}

// '@checkout/source' makes the shared package resolve to its TypeScript source (no build step).
export default defineConfig({
  plugins: [react(), shopUrl()],
  resolve: { conditions: ['@checkout/source', ...defaultClientConditions] },
  server: { host: '127.0.0.1', port: 5173, strictPort: true },
  preview: { host: '127.0.0.1', port: 5173, strictPort: true },
  build: { target: 'es2022' },
});
