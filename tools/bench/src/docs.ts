import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** docs/ at the repository root (tools/bench/src -> ../../../docs). */
export function docsPath(file: string): string {
  const dir = fileURLToPath(new URL('../../../docs/', import.meta.url));
  mkdirSync(dir, { recursive: true });
  return join(dir, file);
}
