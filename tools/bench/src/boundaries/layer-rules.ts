import { dirname, relative, resolve, sep } from 'node:path';

/** Workspace packages above the `packages/` floor: the apps and the tools that measure them. */
export const UPPER_FLOOR_PACKAGES = /^@checkout\/(?:api|web|sandbox|bench)(?:\/|$)/;

/**
 * Why `specifier`, written in `file` (inside `repoRoot/packages/`), reaches up a floor; `null` when it does not.
 * Relative specifiers are resolved against the file; bare ones are checked by package name.
 */
export function upwardReason(repoRoot: string, file: string, specifier: string | null): string | null {
  if (specifier === null) return 'import() of a computed specifier hides the module from typecheck';
  if (UPPER_FLOOR_PACKAGES.test(specifier)) return `imports ${specifier}, which lives above packages/`;
  if (specifier.startsWith('.') || specifier.startsWith('/')) {
    const target = relative(repoRoot, resolve(dirname(file), specifier));
    const top = target.split(sep)[0];
    if (top === 'apps' || top === 'tools') return `reaches into ${target}`;
  }
  return null;
}
