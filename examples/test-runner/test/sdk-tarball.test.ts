import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { bareImports } from '@checkout/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONSUMER_CJS, CONSUMER_ESM, CONSUMER_TS, TSCONFIGS } from '../support/consumer-files.js';
import { NPM_FLAGS } from '../support/npm-flags.js';
import { packSdk, SDK_DIR } from '../support/pack-sdk.js';
import { run } from '../support/run.js';

const HERE = new URL('..', import.meta.url).pathname;

// What a consumer gets from the registry: the packed tarball, checked by the two tools the ecosystem trusts.
let tarball: string;
beforeAll(async () => {
  tarball = await packSdk();
}, 300_000);

it('has types that resolve for node10, node16 (CJS and ESM) and bundler: attw finds no problems', async () => {
  const output = await run(`${HERE}node_modules/.bin/attw`, [tarball, '--format', 'ascii'], HERE);
  expect(output).toContain('No problems found');
}, 120_000);

it('passes publint in strict mode', async () => {
  const output = await run(`${HERE}node_modules/.bin/publint`, ['run', tarball, '--strict'], HERE);
  expect(output).toContain('All good!');
}, 120_000);

it('ships the built JS, types and their maps, README and licence, and nothing of the repository', async () => {
  const files = (await run('tar', ['tzf', tarball], HERE)).split('\n').filter(Boolean);
  for (const entry of ['index', 'web', 'testing']) {
    for (const dir of ['dist', 'dist/cjs']) {
      for (const ext of ['.js', '.js.map', '.d.ts', '.d.ts.map']) {
        expect(files).toContain(`package/${dir}/${entry}${ext}`);
      }
    }
    // declaration maps point at the sources, so "go to definition" lands in TypeScript
    expect(files).toContain(`package/src/${entry}.ts`);
  }
  expect(files).toEqual(expect.arrayContaining(['package/dist/cjs/package.json', 'package/README.md']));
  expect(files).toEqual(expect.arrayContaining(['package/LICENSE', 'package/CHANGELOG.md']));
  expect(files.filter((f) => /^package\/(test|bench|scripts)\/|\.test\.|tsconfig|vitest/.test(f))).toEqual(
    [],
  );
});

it('publishes zod and ws (loaded only by connectGate) as its only dependencies and no workspace-only export condition', async () => {
  const manifest = JSON.parse(await run('tar', ['xzf', tarball, '-O', 'package/package.json'], HERE));
  expect(Object.keys(manifest.dependencies)).toEqual(['ws', 'zod']);
  // The workspace pins zod once, in pnpm-workspace.yaml's catalog; packing must write that exact version.
  const catalogZod = readFileSync(`${SDK_DIR}../../pnpm-workspace.yaml`, 'utf8').match(
    /^ {2}zod: (\S+)$/m,
  )?.[1];
  expect(JSON.parse(readFileSync(`${SDK_DIR}package.json`, 'utf8')).dependencies.zod).toBe('catalog:');
  expect(manifest.dependencies.zod).toBe(catalogZod);
  expect(manifest.peerDependencies).toBeUndefined();
  expect(JSON.stringify(manifest.exports)).not.toContain('@checkout/source');
  expect(Object.keys(manifest.exports)).toEqual(['.', './web', './testing', './package.json']);
});

describe('a clean npm project that installs the tarball', () => {
  let project: string;
  let installed: string;
  beforeAll(async () => {
    project = mkdtempSync(join(tmpdir(), 'invoicebox-consumer-'));
    writeFileSync(join(project, 'package.json'), '{ "name": "consumer", "private": true }\n');
    const typesNode = JSON.parse(readFileSync(`${HERE}node_modules/@types/node/package.json`, 'utf8'));
    await run(
      'npm',
      ['install', tarball, 'typescript@5.9.3', `@types/node@${typesNode.version}`, ...NPM_FLAGS],
      project,
    );
    installed = join(project, 'node_modules/@checkout/invoicebox');
    writeFileSync(join(project, 'consumer.ts'), CONSUMER_TS);
    writeFileSync(join(project, 'consumer.mts'), CONSUMER_TS);
    writeFileSync(join(project, 'consumer.cjs'), CONSUMER_CJS);
    writeFileSync(join(project, 'consumer.mjs'), CONSUMER_ESM);
  }, 300_000);
  afterAll(() => rmSync(project, { recursive: true, force: true }));

  const expected = { merchantOrderId: 'A-1', rub: 371.88 };

  it('require()s every entry (CommonJS)', async () => {
    expect(JSON.parse(await run('node', ['consumer.cjs'], project))).toEqual(expected);
  });

  it('imports every entry (ESM)', async () => {
    expect(JSON.parse(await run('node', ['consumer.mjs'], project))).toEqual(expected);
  });

  it.each(Object.entries(TSCONFIGS))(
    'type-checks a consumer under moduleResolution %s',
    async (mode, tsconfig) => {
      const files = mode === 'bundler' ? ['consumer.mts'] : ['consumer.ts', 'consumer.mts'];
      writeFileSync(join(project, `tsconfig.${mode}.json`), JSON.stringify({ ...tsconfig, files }));
      const listed = await run(
        'node',
        ['node_modules/typescript/bin/tsc', '-p', `tsconfig.${mode}.json`, '--listFiles'],
        project,
      );
      // ESM consumers get the ESM declarations, CommonJS ones (node16/nodenext .ts here) the CJS declarations.
      expect(listed).toContain('node_modules/@checkout/invoicebox/dist/index.d.ts');
      if (mode !== 'bundler')
        expect(listed).toContain('node_modules/@checkout/invoicebox/dist/cjs/index.d.ts');
    },
    120_000,
  );

  it('keeps node:crypto (and every other Node built-in) out of /web in both builds', () => {
    for (const entry of ['dist/web.js', 'dist/cjs/web.js']) {
      expect([...bareImports(join(installed, entry))]).toEqual(['zod']);
    }
    expect([...bareImports(join(installed, 'dist/index.js'))]).toContain('node:crypto');
  });
});
