import type { ItemType, PaymentType, VatCode } from '@checkout/invoicebox';
import { asc, eq } from 'drizzle-orm';
import { products } from '../db/schema.js';
import { publicProcedure, router } from '../trpc/init.js';

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

export const catalogRouter = router({
  list: publicProcedure.query(async ({ ctx }): Promise<Product[]> => {
    const rows = await ctx.db
      .select()
      .from(products)
      .where(eq(products.active, true))
      .orderBy(asc(products.position), asc(products.sku));
    return rows.map((row) => ({
      sku: row.sku,
      name: row.name,
      description: row.description,
      price: row.price,
      vatCode: row.vatCode as VatCode,
      measure: row.measure,
      measureCode: row.measureCode,
      type: row.itemType as ItemType,
      paymentType: row.paymentType as PaymentType,
    }));
  }),
});
