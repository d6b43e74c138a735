/** A module reference in source text: a string literal, or `null` when `import()` is given an expression. */
export type ImportRef = { line: number; specifier: string | null };

// Static `import`/`export … from`, side-effect `import 'x'`, `import('x')`, `require('x')` and
// `import.meta.resolve('x')`; a template literal without `${` counts as a literal.
const LITERAL =
  /(?:\bfrom\s*|\bimport\s*|\bimport\s*\(\s*|\brequire\s*\(\s*|\bimport\.meta\.resolve\s*\(\s*)(['"`])([^'"`$]+)\1/g;
// `import(` whose argument is not a literal: the module is named at run time, out of typecheck's sight.
const COMPUTED = /\bimport\s*\(\s*(?!['"`])(?!\))/g;

function lineOf(source: string, index: number): number {
  let line = 1;
  for (let i = 0; i < index; i++) if (source.charCodeAt(i) === 10) line++;
  return line;
}

export function importSpecifiers(source: string): ImportRef[] {
  const refs: ImportRef[] = [];
  for (const match of source.matchAll(LITERAL)) {
    refs.push({ line: lineOf(source, match.index), specifier: match[2] as string });
  }
  for (const match of source.matchAll(COMPUTED))
    refs.push({ line: lineOf(source, match.index), specifier: null });
  return refs.sort((a, b) => a.line - b.line);
}
