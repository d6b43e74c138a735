import { defineConfig } from 'vitest/config';

// Workspace packages resolve to their TypeScript sources in tests: no build step between edit and run.
export default defineConfig({
  resolve: { conditions: ['@checkout/source'] },
  ssr: { resolve: { conditions: ['@checkout/source'] } },
  // A ceiling for a hung test, not a speed check: on a loaded 2-core machine the CLI test (three tsx children)
  // and the first Chromium page take longer than vitest's 5 s default.
  test: { include: ['test/**/*.test.ts'], testTimeout: 30_000 },
});
