import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

// The sandbox is an independent Invoicebox: it may borrow the SDK's money arithmetic, signing and formatting,
// never its request/response schemas or types (or an SDK mistake could never show in a test).
const ALLOWED = new Set([
  'toKopecks',
  'fromKopecks',
  'formatRub',
  'kopecksToDecimalString',
  'signNotification',
  'serializeInvoiceboxJson',
  'formatAtomDate',
  'isValidInn',
  'KPP_PATTERN',
  'vatLabel',
  'DEMO_SHOP',
  'MONITORING_PROBE_ORDER_ID',
]);

const SRC = fileURLToPath(new URL('../src', import.meta.url));
const SDK = /['"]@checkout\/invoicebox(\/[^'"]*)?['"]/;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return /\.(c|m)?(t|j)sx?$/.test(entry.name) ? [path] : [];
  });
}

/** Every way `text` reaches into the SDK that is not an allowed named import, as readable strings. */
function forbiddenSdkUses(text: string): string[] {
  const problems: string[] = [];
  const statements = text.matchAll(
    /\b(?:import|export)\s+(?:type\s+)?([^;'"]*?)\s*from\s*(['"][^'"]+['"])|\bimport\s*\(\s*(['"][^'"]+['"])|\brequire\s*\(\s*(['"][^'"]+['"])/g,
  );
  for (const [statement, clause, source, dynamicSource, requireSource] of statements) {
    const from = source ?? dynamicSource ?? requireSource ?? '';
    if (!SDK.test(from)) continue;
    if (from !== "'@checkout/invoicebox'" && from !== '"@checkout/invoicebox"') {
      problems.push(`subpath import: ${statement}`);
      continue;
    }
    const named = /^\{([\s\S]*)\}$/.exec((clause ?? '').trim());
    if (!named) {
      problems.push(`not a named import: ${statement.replace(/\s+/g, ' ')}`);
      continue;
    }
    for (const part of (named[1] ?? '').split(',')) {
      const name = part
        .trim()
        .replace(/^type\s+/, '')
        .split(/\s+as\s+/)[0]
        ?.trim();
      if (!name) continue;
      if (name.endsWith('Schema') || !ALLOWED.has(name)) problems.push(name);
    }
  }
  return problems;
}

describe('the sandbox does not use the SDK protocol', () => {
  it('the checker catches schema, type, namespace, subpath and dynamic imports', () => {
    expect(forbiddenSdkUses("import { toKopecks, formatRub } from '@checkout/invoicebox';")).toEqual([]);
    expect(
      forbiddenSdkUses(
        "import {\n  type BasketItem,\n  createOrderRequestSchema,\n  toKopecks as k,\n} from '@checkout/invoicebox';",
      ),
    ).toEqual(['BasketItem', 'createOrderRequestSchema']);
    expect(forbiddenSdkUses("import type { Customer } from '@checkout/invoicebox';")).toEqual(['Customer']);
    expect(forbiddenSdkUses("export { validateBasket } from '@checkout/invoicebox';")).toEqual([
      'validateBasket',
    ]);
    expect(forbiddenSdkUses("import * as sdk from '@checkout/invoicebox';")).toHaveLength(1);
    expect(forbiddenSdkUses("import x from '@checkout/invoicebox/schemas';")).toHaveLength(1);
    expect(forbiddenSdkUses("const m = await import('@checkout/invoicebox');")).toHaveLength(1);
    expect(forbiddenSdkUses("import { z } from 'zod';")).toEqual([]);
  });

  it('no file under src/ imports anything from @checkout/invoicebox outside the allow-list', () => {
    const files = sourceFiles(SRC);
    expect(files.length).toBeGreaterThan(20);
    const offenders = files.flatMap((file) =>
      forbiddenSdkUses(readFileSync(file, 'utf8')).map((use) => `${relative(SRC, file)}: ${use}`),
    );
    expect(offenders).toEqual([]);
  });
});
