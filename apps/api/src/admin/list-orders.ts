import { and, desc, eq, ilike, inArray, or, type SQL, sql } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import { orders } from '../db/schema.js';
import type { OrderStatus } from '../orders/status.js';

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

const escapeLike = (value: string) => value.replace(/[\\%_]/g, (c) => `\\${c}`);

export async function listOrders(
  db: Db,
  input: { status?: OrderStatus[]; search?: string; page: number; pageSize: number },
): Promise<{ orders: AdminOrderRow[]; total: number }> {
  const filters: SQL[] = [];
  if (input.status && input.status.length > 0) filters.push(inArray(orders.status, input.status));
  const search = input.search?.trim();
  if (search) {
    const byEmail = ilike(orders.customerEmail, `%${escapeLike(search)}%`);
    const digits = search.replace(/^№\s*/, '');
    filters.push(/^\d{1,9}$/.test(digits) ? or(eq(orders.number, Number(digits)), byEmail)! : byEmail);
  }
  const where = filters.length > 0 ? and(...filters) : undefined;
  const [rows, [count]] = await Promise.all([
    db
      .select()
      .from(orders)
      .where(where)
      .orderBy(desc(orders.createdAt), desc(orders.number))
      .limit(input.pageSize)
      .offset((input.page - 1) * input.pageSize),
    db.select({ total: sql<number>`count(*)::int` }).from(orders).where(where),
  ]);
  return {
    total: count?.total ?? 0,
    orders: rows.map((row) => ({
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
