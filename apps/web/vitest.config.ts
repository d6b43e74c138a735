import { defineConfig } from 'vitest/config';

// Two projects: fast unit tests of the pure browser-side logic, and the end-to-end suite, which starts the
// sandbox, the API and a built storefront once (global setup) and drives Chromium.
export default defineConfig({
  resolve: { conditions: ['@checkout/source'] },
  ssr: { resolve: { conditions: ['@checkout/source'] } },
  test: {
    environment: 'node',
    fileParallelism: false,
    maxWorkers: 1,
    projects: [
      { extends: true, test: { name: 'unit', include: ['src/**/*.test.ts'] } },
      {
        extends: true,
        test: {
          name: 'e2e',
          include: ['e2e/**/*.test.ts'],
          globalSetup: ['e2e/support/global-setup.ts'],
          testTimeout: 90_000,
          hookTimeout: 180_000,
        },
      },
    ],
  },
});
