import { defineConfig } from 'vitest/config';

// The timeout guards against hangs only: the shared 2-core machines run several suites at once, and the property
// and round-trip tests do real work (they check results, never speed).
export default defineConfig({ test: { include: ['test/**/*.test.ts'], testTimeout: 60_000 } });
