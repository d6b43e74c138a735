import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export type WorkspacePackage = { name: string; floor: string; dependsOn: string[] };

/** Every workspace package under `floors` (e.g. `packages`, `apps`, `tools`) and its `@checkout/*` dependencies. */
export function workspacePackages(repoRoot: string, floors: readonly string[]): WorkspacePackage[] {
  const found: WorkspacePackage[] = [];
  for (const floor of floors) {
    for (const dir of readdirSync(join(repoRoot, floor), { withFileTypes: true })) {
      if (!dir.isDirectory()) continue;
      let manifest: Record<string, Record<string, string> | string | undefined>;
      try {
        manifest = JSON.parse(readFileSync(join(repoRoot, floor, dir.name, 'package.json'), 'utf8'));
      } catch {
        continue;
      }
      const deps = ['dependencies', 'devDependencies', 'peerDependencies', 'optionalDependencies'].flatMap(
        (field) => Object.keys((manifest[field] as Record<string, string> | undefined) ?? {}),
      );
      found.push({
        name: String(manifest.name),
        floor,
        dependsOn: deps.filter((dep) => dep.startsWith('@checkout/')),
      });
    }
  }
  return found;
}

/** A dependency cycle among `packages` as a list of names (first = last), or `null` when there is none. */
export function findCycle(packages: readonly WorkspacePackage[]): string[] | null {
  const edges = new Map(packages.map((pkg) => [pkg.name, pkg.dependsOn]));
  const state = new Map<string, 'open' | 'done'>();
  const path: string[] = [];
  const visit = (name: string): string[] | null => {
    if (state.get(name) === 'done') return null;
    if (state.get(name) === 'open') return [...path.slice(path.indexOf(name)), name];
    state.set(name, 'open');
    path.push(name);
    for (const next of edges.get(name) ?? []) {
      const cycle = visit(next);
      if (cycle) return cycle;
    }
    path.pop();
    state.set(name, 'done');
    return null;
  };
  for (const name of edges.keys()) {
    const cycle = visit(name);
    if (cycle) return cycle;
  }
  return null;
}
