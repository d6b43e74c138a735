import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { SandboxData } from '../types.js';
import { emptyData } from './empty-data.js';

export function readDataFile(path: string): SandboxData {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return emptyData();
    throw error;
  }
  const parsed = JSON.parse(text) as Partial<SandboxData>;
  if (parsed.version !== 1) throw new Error(`${path}: not a sandbox data file (version ${parsed.version})`);
  return { ...emptyData(), ...parsed };
}

/** Write to a temporary file and rename it over the old one, so a crash never leaves half a file. */
export function writeDataFile(path: string, data: SandboxData): void {
  mkdirSync(dirname(path), { recursive: true });
  const temporary = `${path}.${process.pid}.tmp`;
  writeFileSync(temporary, JSON.stringify(data));
  renameSync(temporary, path);
}
