import react from '@vitejs/plugin-react';
import { defaultClientConditions, defineConfig, type Plugin } from 'vite';

// `pnpm dev` runs three servers at once; say plainly which URL is the shop.
function shopUrl(): Plugin {
  return {
    name: 'shop-url',
    configureServer(server) {
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
  };
}

// '@checkout/source' makes the shared package resolve to its TypeScript source (no build step).
export default defineConfig({
  plugins: [react(), shopUrl()],
  resolve: {
    conditions: ['@checkout/source', ...defaultClientConditions],
  },
  server: { host: '127.0.0.1', port: 5173, strictPort: true },
  preview: { host: '127.0.0.1', port: 5173, strictPort: true },
  build: { target: 'es2022' },
});
