import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { findModuleCycle } from './module-graph.js';

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
  return findModuleCycle(new Map(packages.map((pkg) => [pkg.name, pkg.dependsOn])));
}
