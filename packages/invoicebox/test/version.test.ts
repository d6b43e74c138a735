import { readFileSync } from 'node:fs';
import { expect, it } from 'vitest';
import { PACKAGE_VERSION } from '../src/index.js';

it('PACKAGE_VERSION (sent in the User-Agent) matches package.json', () => {
  const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as {
    version: string;
  };
  expect(
    PACKAGE_VERSION,
    'run `pnpm --filter @checkout/invoicebox sync-version` and commit src/version.ts',
  ).toBe(pkg.version);
});
