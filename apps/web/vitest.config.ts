import { defineConfig } from 'vitest/config';

// Node-side end-to-end tests: they start the sandbox, the API and a built storefront, then drive Chromium.
export default defineConfig({
  resolve: { conditions: ['@checkout/source'] },
  ssr: { resolve: { conditions: ['@checkout/source'] } },
  test: {
    include: ['e2e/**/*.test.ts'],
    environment: 'node',
    globalSetup: ['e2e/support/global-setup.ts'],
    testTimeout: 90_000,
    hookTimeout: 180_000,
    fileParallelism: false,
    maxWorkers: 1,
  },
});
