import { ApiError } from './api-error.js';

export type QueryPairs = [string, string][];

export interface ListResult<T> {
  data: T[];
  metaData: { totalCount: number; pageSize: number; page: number };
}

const OPERATORS = new Set(['_eq', '_ne', '_gt', '_ge', '_lt', '_le', '_start']);
const DEFAULT_PAGE_SIZE = 30;
const MAX_PAGE_SIZE = 1000;

interface Condition {
  field: string;
  op: string;
  values: string[];
}

const filterError = (name: string, message: string) =>
  new ApiError(422, 'wrong_filter_format', message, [{ name, code: 'wrong_value', message }]);

function positiveInt(name: string, value: string | undefined, fallback: number, max: number): number {
  if (value === undefined || value === '') return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > max)
    throw filterError(name, `${name} must be an integer 1..${max}`);
  return n;
}

function compare(actual: unknown, expected: string): number {
  if (typeof actual === 'number') return actual - Number(expected);
  const a = String(actual ?? '');
  const at = Date.parse(a);
  const et = Date.parse(expected);
  // Dates in filters may come without an offset (`2021-01-27T00:00:00`): compare instants, taking them as UTC.
  if (
    !Number.isNaN(at) &&
    !Number.isNaN(et) &&
    /^\d{4}-\d{2}-\d{2}/.test(a) &&
    /^\d{4}-\d{2}-\d{2}/.test(expected)
  ) {
    const utc =
      /[zZ]|[+-]\d{2}:\d{2}$/.test(expected) || expected.length === 10 ? et : Date.parse(`${expected}Z`);
    return at - utc;
  }
  return a < expected ? -1 : a > expected ? 1 : 0;
}

function matches(item: Record<string, unknown>, c: Condition, normalize: (f: string, v: string) => string) {
  const actual = item[c.field];
  const values = c.values.map((v) => normalize(c.field, v));
  switch (c.op) {
    case '_eq':
      return values.some(
        (v) => compare(actual, v) === 0 && (typeof actual === 'number' || String(actual ?? '') === v),
      );
    case '_ne':
      return values.every((v) => String(actual ?? '') !== v);
    case '_gt':
      return values.every((v) => actual != null && compare(actual, v) > 0);
    case '_ge':
      return values.every((v) => actual != null && compare(actual, v) >= 0);
    case '_lt':
      return values.every((v) => actual != null && compare(actual, v) < 0);
    case '_le':
      return values.every((v) => actual != null && compare(actual, v) <= 0);
    default:
      return values.every((v) => String(actual ?? '').startsWith(v));
  }
}

/**
 * Invoicebox collection filtering: `field=v`, `field[]=a&field[]=b` (or PHP's `field[0]=a`), repeated `field=`, `field[_ge]=v` operators,
 * `_order[field]=asc|desc`, and paging as `page`/`pageSize` or `_page`/`_pageSize` (default 30).
 */
export function applyFilter<T extends object>(
  items: T[],
  pairs: QueryPairs,
  fields: readonly string[],
  normalize: (field: string, value: string) => string = (_f, v) => v,
): ListResult<T> {
  const conditions = new Map<string, Condition>();
  const order: [string, 1 | -1][] = [];
  let page: string | undefined;
  let pageSize: string | undefined;
  for (const [key, value] of pairs) {
    if (key === 'page' || key === '_page') page = value;
    else if (key === 'pageSize' || key === '_pageSize') pageSize = value;
    else if (key.startsWith('_order[') && key.endsWith(']')) {
      const field = key.slice(7, -1);
      if (!fields.includes(field)) throw filterError(key, `cannot sort by "${field}"`);
      if (value !== 'asc' && value !== 'desc') throw filterError(key, `${key} must be asc or desc`);
      order.push([field, value === 'asc' ? 1 : -1]);
    } else {
      const match = /^([A-Za-z]+)(?:\[(\w*)\])?$/.exec(key);
      const field = match?.[1];
      // `status[]=a` and PHP's http_build_query spelling `status[0]=a&status[1]=b` are lists of equal values.
      const op = match?.[2] && !/^\d+$/.test(match[2]) ? match[2] : '_eq';
      if (!match || !field || !fields.includes(field)) throw filterError(key, `unknown filter "${key}"`);
      if (!OPERATORS.has(op))
        throw filterError(key, `unknown operator "${op}" (use ${[...OPERATORS].join(', ')})`);
      const id = `${field}\u0000${op}`;
      const existing = conditions.get(id);
      if (existing) existing.values.push(value);
      else conditions.set(id, { field, op, values: [value] });
    }
  }
  const pageNumber = positiveInt('page', page, 1, 1_000_000);
  const size = positiveInt('pageSize', pageSize, DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE);
  const records = items as unknown as Record<string, unknown>[];
  let result = records.filter((item) => [...conditions.values()].every((c) => matches(item, c, normalize)));
  if (order.length > 0) {
    result = [...result].sort((a, b) => {
      for (const [field, direction] of order) {
        const diff = compare(a[field], String(b[field] ?? ''));
        if (diff !== 0) return diff * direction;
      }
      return 0;
    });
  }
  const start = (pageNumber - 1) * size;
  return {
    data: result.slice(start, start + size) as unknown as T[],
    metaData: { totalCount: result.length, pageSize: size, page: pageNumber },
  };
}
