import { formatAtomDate } from '../schemas/primitives.js';

/** A range bound: a Date (sent in ATOM format, `Y-m-d\TH:i:sP`) or a string sent as is. */
export type DateBound = Date | string;
/** An inclusive date filter: `ge` from, `le` up to; either may be absent. */
export interface DateRange {
  ge?: DateBound;
  le?: DateBound;
}

type Pair = [string, string];
export type PagingSpelling = 'underscore' | 'plain';

const dateText = (value: DateBound) => (value instanceof Date ? formatAtomDate(value) : value);

/** Builds Invoicebox filter query pairs; keys keep literal brackets (`status[]`, `createdAt[_ge]`, `_order[f]`). */
export class FilterQuery {
  private readonly pairs: Pair[] = [];

  equal(name: string, value: string | number | undefined): this {
    if (value !== undefined) this.pairs.push([name, String(value)]);
    return this;
  }

  /** One value -> `name=v`; several -> `name[]=a&name[]=b`. */
  oneOrMany(name: string, value: string | readonly string[] | undefined): this {
    if (value === undefined) return this;
    if (typeof value === 'string') return this.equal(name, value);
    for (const item of value) this.pairs.push([`${name}[]`, item]);
    return this;
  }

  range(name: string, range: DateRange | undefined): this {
    if (range?.ge !== undefined) this.pairs.push([`${name}[_ge]`, dateText(range.ge)]);
    if (range?.le !== undefined) this.pairs.push([`${name}[_le]`, dateText(range.le)]);
    return this;
  }

  /**
   * `_page`/`_pageSize` by default: what Invoicebox's MCP client (0.2.1, the newest source) and its backend
   * boilerplate (`QueryFilter`) use. The docs spell them `page`/`pageSize`; see listPage for the fallback.
   */
  paging(
    page: number | undefined,
    pageSize: number | undefined,
    spelling: PagingSpelling = 'underscore',
  ): this {
    const prefix = spelling === 'underscore' ? '_' : '';
    return this.equal(`${prefix}page`, page).equal(`${prefix}pageSize`, pageSize);
  }

  sort(order: Record<string, 'asc' | 'desc'> | undefined): this {
    for (const [field, direction] of Object.entries(order ?? {}))
      this.pairs.push([`_order[${field}]`, direction]);
    return this;
  }

  toString(): string {
    if (this.pairs.length === 0) return '';
    const encode = (text: string) => encodeURIComponent(text).replace(/%5B/gi, '[').replace(/%5D/gi, ']');
    return `?${this.pairs.map(([k, v]) => `${encode(k)}=${encodeURIComponent(v)}`).join('&')}`;
  }
}
