import { and, desc, eq, isNull, type SQL, sql } from 'drizzle-orm';
import type { DbOrTx } from '../db/client.js';
import { refundRequests } from '../db/schema.js';
import { Conflict, NotFound } from '../errors.js';

export type RefundRequestRow = {
  id: number;
  orderId: string;
  createdAt: string;
  reason: string;
  closedAt: string | null;
  resolution: string | null;
};

const toRow = (r: typeof refundRequests.$inferSelect): RefundRequestRow => ({
  id: r.id,
  orderId: r.orderId,
  createdAt: r.createdAt.toISOString(),
  reason: r.reason,
  closedAt: r.closedAt?.toISOString() ?? null,
  resolution: r.resolution,
});

/** Newest first, one page at a time: an order (or the shop) may have collected many over time. */
export async function listRefundRequests(
  db: DbOrTx,
  input: { orderId?: string | undefined; open?: boolean | undefined; page: number; pageSize: number },
): Promise<{ requests: RefundRequestRow[]; total: number }> {
  const filters: SQL[] = [];
  if (input.orderId) filters.push(eq(refundRequests.orderId, input.orderId));
  if (input.open !== undefined)
    filters.push(input.open ? isNull(refundRequests.closedAt) : sql`${refundRequests.closedAt} IS NOT NULL`);
  const where = filters.length > 0 ? and(...filters) : undefined;
  const [rows, [count]] = await Promise.all([
    db
      .select()
      .from(refundRequests)
      .where(where)
      .orderBy(desc(refundRequests.id))
      .limit(input.pageSize)
      .offset((input.page - 1) * input.pageSize),
    db.select({ total: sql<number>`count(*)::int` }).from(refundRequests).where(where),
  ]);
  return { requests: rows.map(toRow), total: count?.total ?? 0 };
}

/** Staff answer the open request(s) of an order: after a refund, or by declining. */
export async function closeRefundRequests(
  db: DbOrTx,
  orderId: string,
  resolution: 'refunded' | 'declined',
): Promise<number> {
  const closed = await db
    .update(refundRequests)
    .set({ closedAt: sql`now()`, resolution })
    .where(and(eq(refundRequests.orderId, orderId), isNull(refundRequests.closedAt)))
    .returning({ id: refundRequests.id });
  return closed.length;
}

export async function declineRefundRequest(db: DbOrTx, id: number): Promise<RefundRequestRow> {
  const [row] = await db
    .update(refundRequests)
    .set({ closedAt: sql`now()`, resolution: 'declined' })
    .where(and(eq(refundRequests.id, id), isNull(refundRequests.closedAt)))
    .returning();
  if (row) return toRow(row);
  const [existing] = await db.select().from(refundRequests).where(eq(refundRequests.id, id));
  if (!existing) throw new NotFound(`refund request #${id} not found`);
  throw new Conflict(`refund request #${id} was already closed (${existing.resolution ?? 'closed'})`);
}
