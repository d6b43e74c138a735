import { defineConfig } from 'vitest/config';

// The sandbox runs from its TypeScript sources; the examples get the packed SDK from npm install, not the workspace.
// One example at a time: each npm install and framework build already uses both cores.
export default defineConfig({
  resolve: { conditions: ['@checkout/source'] },
  ssr: { resolve: { conditions: ['@checkout/source'] } },
  test: {
    include: ['test/**/*.test.ts'],
    fileParallelism: false,
    hookTimeout: 900_000,
    testTimeout: 60_000,
  },
});
