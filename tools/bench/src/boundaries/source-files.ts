import { readdirSync } from 'node:fs';
import { join } from 'node:path';

const CODE = /\.(?:[cm]?[jt]s|tsx|jsx)$/;
const SKIP = new Set(['node_modules', 'dist', '.turbo', 'coverage']);

/** Every JS/TS file under `dir`, leaving out installed and built output. */
export function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    if (SKIP.has(entry.name)) return [];
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return CODE.test(entry.name) ? [path] : [];
  });
}
