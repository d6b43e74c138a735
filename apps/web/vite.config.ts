import react from '@vitejs/plugin-react';
import { defaultClientConditions, defineConfig } from 'vite';

// '@checkout/source' makes the shared package resolve to its TypeScript source (no build step).
export default defineConfig({
  plugins: [react()],
  resolve: { conditions: ['@checkout/source', ...defaultClientConditions] },
  server: { host: '127.0.0.1', port: 5173, strictPort: true, open: false },
  preview: { host: '127.0.0.1', port: 5173, strictPort: true },
  build: { target: 'es2022', sourcemap: false },
});
