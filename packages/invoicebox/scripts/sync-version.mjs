// src/version.ts is generated from package.json so the User-Agent always names the published version:
// `pnpm changeset version` bumps package.json only, and the build (or this script alone) carries the bump over.
import { readFileSync, writeFileSync } from 'node:fs';

const { version } = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
const target = new URL('../src/version.ts', import.meta.url);
const text =
  '/** Package version, sent in the default User-Agent. Generated from package.json by scripts/sync-version.mjs. */\n' +
  `export const PACKAGE_VERSION = '${version}';\n`;

if (readFileSync(target, 'utf8') !== text) {
  writeFileSync(target, text);
  console.log(`src/version.ts: PACKAGE_VERSION = '${version}'`);
}
