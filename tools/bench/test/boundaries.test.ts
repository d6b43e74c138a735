import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { importSpecifiers } from '../src/boundaries/import-specifiers.js';
import { upwardReason } from '../src/boundaries/layer-rules.js';
import { findModuleCycle, moduleGraph } from '../src/boundaries/module-graph.js';
import { sourceFiles } from '../src/boundaries/source-files.js';
import { findCycle, workspacePackages } from '../src/boundaries/workspace-graph.js';

// Floors, bottom up: tooling/ (dev-only test kit, imports nothing of ours) <- packages/ (the product) <- apps/ <-
// tools/ (the proof). Imports only point down.
const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const PACKAGES = join(ROOT, 'packages');
const TOOLING = join(ROOT, 'tooling');

describe('the rules catch what they are meant to', () => {
  const file = join(PACKAGES, 'invoicebox', 'src', 'x.ts');
  const reasons = (source: string) =>
    importSpecifiers(source).map((ref) => upwardReason(ROOT, file, ref.specifier));

  it('flags app and tool packages, relative paths into apps/ or tools/, and computed import()', () => {
    const source = [
      "import { startApi } from '@checkout/api';",
      "export * from '@checkout/web/bench';",
      "const s = await import('@checkout/sandbox');",
      "import '../../../tools/bench/src/bench.js';",
      "const r = require('../../../apps/api/src/index.js');",
      'const m = await import(specifier);',
      "import.meta.resolve('@checkout/bench');",
    ].join('\n');
    expect(reasons(source).every((reason) => reason !== null)).toBe(true);
    expect(reasons(source)).toHaveLength(7);
  });

  it('lets imports of packages/ and of npm through', () => {
    const source = [
      "import { z } from 'zod';",
      "import { money } from './money.js';",
      "import type { Basket } from '../basket/types.js';",
      "import { verifyNotification } from '@checkout/invoicebox';",
      "const fs = await import('node:fs');",
    ].join('\n');
    expect(reasons(source)).toEqual([null, null, null, null, null]);
  });

  it('finds a dependency cycle', () => {
    const pkg = (name: string, dependsOn: string[]) => ({ name, floor: 'packages', dependsOn });
    expect(findCycle([pkg('a', ['b']), pkg('b', ['c']), pkg('c', ['a'])])).toEqual(['a', 'b', 'c', 'a']);
    expect(findCycle([pkg('a', ['b']), pkg('b', ['c']), pkg('c', [])])).toBeNull();
  });
});

describe('the repository', () => {
  it('has nothing under packages/ importing an app or a tool', () => {
    const files = sourceFiles(PACKAGES);
    expect(files.length).toBeGreaterThan(10);
    const offences = files.flatMap((file) =>
      importSpecifiers(readFileSync(file, 'utf8')).flatMap((ref) => {
        const reason = upwardReason(ROOT, file, ref.specifier);
        return reason ? [`${relative(ROOT, file)}:${ref.line}: ${reason}`] : [];
      }),
    );
    expect(offences).toEqual([]);
  });

  const graph = workspacePackages(ROOT, ['tooling', 'packages', 'apps', 'tools']);

  const floorOf = new Map(graph.map((pkg) => [pkg.name, pkg.floor]));

  it('has tooling/ depending on no workspace package and importing none', () => {
    expect(graph.some((pkg) => pkg.name === '@checkout/testkit')).toBe(true);
    const upward = graph
      .filter((pkg) => pkg.floor === 'tooling')
      .flatMap((pkg) => pkg.dependsOn.map((dep) => `${pkg.name} -> ${dep}`));
    expect(upward).toEqual([]);
    const imports = sourceFiles(TOOLING).flatMap((file) =>
      importSpecifiers(readFileSync(file, 'utf8'))
        .filter((ref) => ref.specifier === null || ref.specifier.startsWith('@checkout/'))
        .map(
          (ref) =>
            `${relative(ROOT, file)}:${ref.line}: ${ref.specifier ?? 'import() of a computed specifier'}`,
        ),
    );
    expect(imports).toEqual([]);
  });

  it('has packages/ depending only on packages/ and tooling/', () => {
    const upward = graph
      .filter((pkg) => pkg.floor === 'packages')
      .flatMap((pkg) =>
        pkg.dependsOn
          .filter((dep) => !['packages', 'tooling'].includes(floorOf.get(dep) ?? ''))
          .map((dep) => `${pkg.name} -> ${dep}`),
      );
    expect(graph.some((pkg) => pkg.name === '@checkout/invoicebox')).toBe(true);
    expect(upward).toEqual([]);
  });

  it('has nothing in apps/ depending on tools/', () => {
    const tools = new Set(graph.filter((pkg) => pkg.floor === 'tools').map((pkg) => pkg.name));
    const upward = graph
      .filter((pkg) => pkg.floor === 'apps')
      .flatMap((pkg) => pkg.dependsOn.filter((dep) => tools.has(dep)).map((dep) => `${pkg.name} -> ${dep}`));
    expect(upward).toEqual([]);
  });

  it('has no dependency cycle between workspace packages', () => {
    expect(findCycle(graph)).toBeNull();
  });
});

describe('the source', () => {
  const srcFiles = ['packages', 'apps', 'tools', 'tooling'].flatMap((floor) =>
    readdirSync(join(ROOT, floor), { withFileTypes: true })
      .filter((entry) => entry.isDirectory() && existsSync(join(ROOT, floor, entry.name, 'src')))
      .flatMap((entry) => sourceFiles(join(ROOT, floor, entry.name, 'src'))),
  );

  it('finds a cycle when there is one', () => {
    const graph = new Map([
      ['a', ['b']],
      ['b', ['c']],
      ['c', ['a']],
    ]);
    expect(findModuleCycle(graph)).toEqual(['a', 'b', 'c', 'a']);
    expect(
      findModuleCycle(
        new Map([
          ['a', ['b']],
          ['b', []],
        ]),
      ),
    ).toBeNull();
  });

  it('has no import cycle between modules', () => {
    expect(srcFiles.length).toBeGreaterThan(100);
    const cycle = findModuleCycle(moduleGraph(srcFiles));
    expect(cycle?.map((file) => relative(ROOT, file)) ?? null).toBeNull();
  });

  it('keeps TRPCError in the tRPC layer (routers, trpc/, the server): the domain throws plain errors', () => {
    const api = join(ROOT, 'apps', 'api', 'src');
    const outside = sourceFiles(api)
      .filter((file) => readFileSync(file, 'utf8').includes('TRPCError'))
      .map((file) => relative(api, file))
      .filter((file) => !/(^|\/)router\.ts$|^trpc\/|^server\.ts$/.test(file));
    expect(outside).toEqual([]);
  });
});
