import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

const SPECIFIER = /(?:from\s*|import\s*|require\()["']([^"']+)["']/g;

/**
 * The bare module specifiers (npm packages, `node:` built-ins) reachable from `entry` through its relative
 * imports and requires. Works on built JS and on TypeScript sources (`./x.js` is read as `./x.ts` when only that exists).
 */
export function bareImports(entry: string): Set<string> {
  const seen = new Set<string>();
  const bare = new Set<string>();
  const queue = [entry];
  while (queue.length > 0) {
    const file = queue.pop() as string;
    if (seen.has(file)) continue;
    seen.add(file);
    for (const [, spec] of readFileSync(file, 'utf8').matchAll(SPECIFIER)) {
      if (!spec) continue;
      if (!spec.startsWith('.')) {
        bare.add(spec);
        continue;
      }
      const target = join(dirname(file), spec);
      queue.push(existsSync(target) ? target : target.replace(/\.js$/, '.ts'));
    }
  }
  return bare;
}
