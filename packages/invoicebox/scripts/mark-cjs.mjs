// dist/cjs holds the CommonJS build: its own package.json tells Node and TypeScript to read .js/.d.ts there as CJS
// (the package root says "type": "module").
import { writeFileSync } from 'node:fs';

writeFileSync(new URL('../dist/cjs/package.json', import.meta.url), '{ "type": "commonjs" }\n');
