import type { ItemType, PaymentType, VatCode } from '@checkout/invoicebox';
import { asc, eq } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import { products } from '../db/schema.js';

export type Product = {
  sku: string;
  name: string;
  description: string;
  /** Kopecks, VAT included. */
  price: number;
  vatCode: VatCode;
  measure: string;
  measureCode: string;
  type: ItemType;
  paymentType: PaymentType;
};

export type ActiveCatalog = {
  /** The products on sale, in the shop's order; read from the database at most once per `ttlMs`. */
  list(): Promise<readonly Product[]>;
  /** The same products by SKU (what checkout prices a cart with). */
  bySku(): Promise<ReadonlyMap<string, Product>>;
};

/**
 * The catalog every replica prices carts with: the products table, re-read once it is `ttlMs` old, so a price
 * change reaches checkouts within that time (prices still come only from our database, never from the browser).
 * Checkout and the storefront's catalog read it on every request; one shared read replaces a statement per order.
 * Concurrent callers share the read in flight; a failed read is not kept.
 */
export function activeCatalog(db: Db, ttlMs: number): ActiveCatalog {
  let current: { at: number; read: Promise<{ list: Product[]; bySku: Map<string, Product> }> } | undefined;

  const load = async () => {
    const rows = await db
      .select()
      .from(products)
      .where(eq(products.active, true))
      .orderBy(asc(products.position), asc(products.sku));
    const list = rows.map(
      (row): Product => ({
        sku: row.sku,
        name: row.name,
        description: row.description,
        price: row.price,
        vatCode: row.vatCode as VatCode,
        measure: row.measure,
        measureCode: row.measureCode,
        type: row.itemType as ItemType,
        paymentType: row.paymentType as PaymentType,
      }),
    );
    return { list, bySku: new Map(list.map((product) => [product.sku, product])) };
  };

  const fresh = () => {
    const now = Date.now();
    if (!current || now - current.at >= ttlMs) {
      const read = load();
      const entry = { at: now, read };
      current = entry;
      read.catch(() => {
        if (current === entry) current = undefined;
      });
    }
    return current.read;
  };

  return {
    list: async () => (await fresh()).list,
    bySku: async () => (await fresh()).bySku,
  };
}
