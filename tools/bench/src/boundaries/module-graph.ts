import { existsSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';

// Value imports and re-exports of relative modules; `import type` / `export type` vanish at run time, so they are left out.
const RELATIVE_VALUE_IMPORT =
  /(?:^|[;\n])\s*(?:import|export)\s+(?!type\b)(?:[^;'"]*?\bfrom\s*)?['"](\.{1,2}\/[^'"]+)['"]/g;

function resolveModule(from: string, specifier: string): string | null {
  const base = resolve(dirname(from), specifier.replace(/\.[cm]?js$/, ''));
  for (const candidate of [`${base}.ts`, `${base}.tsx`, `${base}/index.ts`, `${base}/index.tsx`]) {
    if (existsSync(candidate)) return candidate;
  }
  return null;
}

/** The files each source file imports at run time (relative imports only: packages are checked by workspace-graph). */
export function moduleGraph(files: string[]): Map<string, string[]> {
  const graph = new Map<string, string[]>();
  for (const file of files) {
    const source = readFileSync(file, 'utf8');
    const targets = [...source.matchAll(RELATIVE_VALUE_IMPORT)].flatMap((match) => {
      const target = resolveModule(file, match[1] as string);
      return target ? [target] : [];
    });
    graph.set(file, targets);
  }
  return graph;
}

/** One cycle in a graph of modules or packages, as a path that ends where it starts, or null. */
export function findModuleCycle(graph: ReadonlyMap<string, readonly string[]>): string[] | null {
  const state = new Map<string, 'open' | 'done'>();
  const stack: string[] = [];
  const visit = (node: string): string[] | null => {
    state.set(node, 'open');
    stack.push(node);
    for (const next of graph.get(node) ?? []) {
      if (state.get(next) === 'open') return [...stack.slice(stack.indexOf(next)), next];
      if (!state.has(next)) {
        const cycle = visit(next);
        if (cycle) return cycle;
      }
    }
    stack.pop();
    state.set(node, 'done');
    return null;
  };
  for (const node of graph.keys()) {
    if (state.has(node)) continue;
    const cycle = visit(node);
    if (cycle) return cycle;
  }
  return null;
}
