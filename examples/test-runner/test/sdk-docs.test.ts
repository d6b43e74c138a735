import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { expect, it } from 'vitest';
import { SDK_DIR } from '../support/pack-sdk.js';
import { run } from '../support/run.js';

const COMMITTED = join(SDK_DIR, '../../docs/sdk');

function files(dir: string): Map<string, string> {
  const found = new Map<string, string>();
  for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const path = join(entry.parentPath, entry.name);
    found.set(relative(dir, path), readFileSync(path, 'utf8'));
  }
  return found;
}

it('docs/sdk is what `pnpm --filter @checkout/invoicebox docs` generates from the current TSDoc', async () => {
  const fresh = mkdtempSync(join(tmpdir(), 'invoicebox-docs-'));
  await run(`${SDK_DIR}node_modules/.bin/typedoc`, ['--out', fresh, '--logLevel', 'Error'], SDK_DIR);
  const expected = files(fresh);
  rmSync(fresh, { recursive: true, force: true });
  const committed = files(COMMITTED);
  expect([...committed.keys()].sort(), 'run `pnpm --filter @checkout/invoicebox docs`').toEqual(
    [...expected.keys()].sort(),
  );
  for (const [path, text] of expected) {
    expect(
      committed.get(path),
      `docs/sdk/${path} is stale: run \`pnpm --filter @checkout/invoicebox docs\``,
    ).toBe(text);
  }
}, 300_000);
