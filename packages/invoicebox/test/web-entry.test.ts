import { readFileSync } from 'node:fs';
import { expect, it } from 'vitest';
import * as web from '../src/web.js';

// Walks the relative imports reachable from src/web.ts and collects every bare module specifier they pull in.
function externalImports(entry: URL): Set<string> {
  const seen = new Set<string>();
  const external = new Set<string>();
  const queue = [entry];
  while (queue.length > 0) {
    const file = queue.pop() as URL;
    if (seen.has(file.href)) continue;
    seen.add(file.href);
    const source = readFileSync(file, 'utf8');
    for (const [, spec] of source.matchAll(/(?:from|import)\s*'([^']+)'/g)) {
      if (!spec) continue;
      if (spec.startsWith('.')) queue.push(new URL(spec.replace(/\.js$/, '.ts'), file));
      else external.add(spec);
    }
  }
  return external;
}

it('@checkout/invoicebox/web pulls in no Node built-ins and no credentials', () => {
  expect([...externalImports(new URL('../src/web.ts', import.meta.url))]).toEqual(['zod']);
  expect('DEMO_SHOP' in web).toBe(false);
  expect(typeof web.formatRub).toBe('function');
  expect(typeof web.buildBasket).toBe('function');
});
