import { and, asc, eq, inArray } from 'drizzle-orm';
import type { DbOrTx } from '../db/client.js';
import { refunds } from '../db/schema.js';
import { type ShopperRefund, toShopperRefund } from './public-refund.js';

/** The refunds a shopper is told about: made or on their way (refused and canceled ones moved no money). */
export async function loadShopperRefunds(db: DbOrTx, orderId: string): Promise<ShopperRefund[]> {
  const rows = await db
    .select()
    .from(refunds)
    .where(and(eq(refunds.orderId, orderId), inArray(refunds.status, ['pending', 'created', 'completed'])))
    .orderBy(asc(refunds.createdAt));
  return rows.map(toShopperRefund);
}
