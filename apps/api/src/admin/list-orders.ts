import { and, desc, inArray, type SQL, sql } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import { orders } from '../db/schema.js';
import type { OrderStatus } from '../orders/status.js';
import type { AdminOrderListInput } from './list-input.js';
import { orderSearch } from './order-search.js';

export type AdminOrderRow = {
  id: string;
  number: number;
  status: OrderStatus;
  createdAt: string;
  paidAt: string | null;
  amount: number;
  currency: string;
  customerName: string;
  customerEmail: string;
  invoiceboxOrderId: string | null;
};

/** Counting stops here: an exact count of a million rows costs more than the page it labels. */
export const ORDER_COUNT_CAP = 10_000;

export type AdminOrderList = {
  orders: AdminOrderRow[];
  /** Pass as `cursor` for the next page; absent on the last one (as in tRPC's infinite queries). */
  nextCursor?: number;
  /** Orders matching the filters, counted up to ORDER_COUNT_CAP. */
  total: number;
  /** Present when there are more than `total`. */
  totalCapped?: true;
};

/**
 * Staff's order list, newest first (created_at, then number: unique, so equal timestamps never repeat or skip a
 * row across pages). Pages are keyset pages: the cursor is the last row's number, and the next page starts
 * strictly below that row's (created_at, number) on the orders_created_idx / orders_status_created_idx index,
 * so page 5,000 costs what page 1 does. There is no jump to page N: OFFSET would read every row before it.
 */
export async function listOrders(db: Db, input: AdminOrderListInput): Promise<AdminOrderList> {
  const filters: SQL[] = [];
  if (input.status && input.status.length > 0) filters.push(inArray(orders.status, input.status));
  const search = input.search ? orderSearch(input.search) : undefined;
  if (search) filters.push(search);
  const where = filters.length > 0 ? and(...filters) : undefined;
  const after =
    input.cursor === undefined
      ? undefined
      : sql`(${orders.createdAt}, ${orders.number}) < (SELECT c.created_at, c.number FROM orders c WHERE c.number = ${input.cursor})`;
  const matching = db
    .select({ one: sql`1` })
    .from(orders)
    .where(where)
    .limit(ORDER_COUNT_CAP + 1)
    .as('matching');
  const [rows, [count]] = await Promise.all([
    db
      .select()
      .from(orders)
      .where(after ? and(where, after) : where)
      .orderBy(desc(orders.createdAt), desc(orders.number))
      .limit(input.pageSize + 1),
    db.select({ total: sql<number>`count(*)::int` }).from(matching),
  ]);
  const page = rows.slice(0, input.pageSize);
  const counted = count?.total ?? 0;
  const last = page.at(-1);
  return {
    ...(rows.length > input.pageSize && last ? { nextCursor: last.number } : {}),
    total: Math.min(counted, ORDER_COUNT_CAP),
    ...(counted > ORDER_COUNT_CAP ? { totalCapped: true as const } : {}),
    orders: page.map((row) => ({
      id: row.id,
      number: row.number,
      status: row.status as OrderStatus,
      createdAt: row.createdAt.toISOString(),
      paidAt: row.paidAt?.toISOString() ?? null,
      amount: row.amount,
      currency: row.currency,
      customerName: row.customerName,
      customerEmail: row.customerEmail,
      invoiceboxOrderId: row.invoiceboxOrderId,
    })),
  };
}
