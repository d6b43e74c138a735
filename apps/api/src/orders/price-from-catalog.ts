import { sql } from 'drizzle-orm';
import type { Deps } from '../deps.js';
import { FieldErrors } from '../errors.js';
import { runPrepared } from '../lib/prepared.js';
import type { CreateOrderInput } from './inputs.js';

export type PricedLine = {
  position: number;
  sku: string;
  name: string;
  quantity: number;
  /** Kopecks, from our catalog (never from the request). */
  unitPrice: number;
  vatCode: string;
  measure: string;
  measureCode: string;
  itemType: string;
  paymentType: string;
};

type Row = {
  existing: string | null;
  sku: string | null;
  name: string;
  price: number;
  vat_code: string;
  measure: string;
  measure_code: string;
  item_type: string;
  payment_type: string;
};

/**
 * The cart's lines priced from our catalog, or the id of the order this idempotency key already made (a retry
 * returns that order whatever the catalog says now). One statement answers both.
 */
export async function priceFromCatalog(
  deps: Deps,
  input: CreateOrderInput,
): Promise<{ existing: string } | { lines: PricedLine[] }> {
  const skus = JSON.stringify(input.lines.map((line) => line.sku));
  const rows = await runPrepared<Row>(
    deps.db,
    'price_from_catalog',
    sql`
      SELECT (SELECT id FROM orders WHERE idempotency_key = ${input.idempotencyKey}) AS existing,
        p.sku, p.name, p.price, p.vat_code, p.measure, p.measure_code, p.item_type, p.payment_type
      FROM (SELECT 1) AS one
      LEFT JOIN products p ON p.active AND p.sku IN (SELECT jsonb_array_elements_text(${skus}::jsonb))`,
  );
  const existing = rows[0]?.existing;
  if (existing) return { existing };
  const bySku = new Map(rows.flatMap((row) => (row.sku ? [[row.sku, row] as const] : [])));
  const unknown = input.lines.flatMap((line, index) =>
    bySku.has(line.sku)
      ? []
      : [{ path: ['lines', index, 'sku'], message: `unknown product sku "${line.sku}"` }],
  );
  if (unknown.length > 0) throw new FieldErrors(unknown);
  return {
    lines: input.lines.map((line, index) => {
      const product = bySku.get(line.sku)!;
      return {
        position: index,
        sku: line.sku,
        name: product.name,
        quantity: line.quantity,
        unitPrice: product.price,
        vatCode: product.vat_code,
        measure: product.measure,
        measureCode: product.measure_code,
        itemType: product.item_type,
        paymentType: product.payment_type,
      };
    }),
  };
}
