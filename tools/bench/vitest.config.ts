import { defineConfig } from 'vitest/config';

// Workspace packages resolve to their TypeScript sources in tests: no build step between edit and run.
export default defineConfig({
  resolve: { conditions: ['@checkout/source'] },
  ssr: { resolve: { conditions: ['@checkout/source'] } },
  test: { include: ['test/**/*.test.ts'] },
});
