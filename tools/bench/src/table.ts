/** A GitHub-flavoured markdown table; the columns listed in `numeric` are right-aligned. */
export function markdownTable(header: string[], rows: string[][], numeric: number[] = []): string {
  const cellText = (cell: string) => cell.replace(/\|/g, '\\|').replace(/\n/g, ' ');
  const line = (cells: string[]) => `| ${cells.map(cellText).join(' | ')} |`;
  const align = header.map((_, i) => (numeric.includes(i) ? '---:' : '---'));
  return [line(header), line(align), ...rows.map(line)].join('\n');
}

/** 1234.5 -> "1,235"; small values keep `digits` decimals. */
export function num(value: number, digits = 0): string {
  if (!Number.isFinite(value)) return 'n/a';
  return value.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
}

export function ratio(value: number, baseline: number): string {
  if (!Number.isFinite(value) || !Number.isFinite(baseline) || baseline === 0) return 'n/a';
  return `${(value / baseline).toFixed(2)}x`;
}

/** Issue 11's goal for a ratio, and whether this run meets it: "≤ 1.5x: met". */
export function goal(value: number, baseline: number, op: '<=' | '>=', limit: number): string {
  const r = value / baseline;
  const met = Number.isFinite(r) && (op === '<=' ? r <= limit : r >= limit);
  return `${op === '<=' ? '≤' : '≥'} ${limit}x: ${met ? 'met' : 'not met'}`;
}
