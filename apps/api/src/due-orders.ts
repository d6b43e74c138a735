import { sql } from 'drizzle-orm';
import type { Db } from './db/client.js';

/**
 * The reconciler's claim: stamps checked_at on up to batchSize orders Invoicebox may still change, oldest change
 * first, and returns their ids. Due are orders left pending or awaiting payment (orders_unsettled_idx, a partial
 * index over those few) and paid ones with a refund in flight (refunds_open_idx); each side is read in its own
 * ordered, limited scan, because one OR over both would walk every paid order. Rows another replica holds are
 * skipped (FOR UPDATE SKIP LOCKED) and stamped ones wait minAgeMs, so replicas share the work. The status lists
 * are literals so the planner can match them to the partial indexes.
 */
export async function claimDueOrders(
  db: Db,
  opts: { minAgeMs: number; batchSize: number },
): Promise<string[]> {
  const minAge = `${Math.max(0, Math.round(opts.minAgeMs))} milliseconds`;
  const rows = await db.transaction(async (tx) => {
    // A stamp lost in a crash only means an order is checked again sooner: not worth waiting for the disk.
    await tx.execute(sql`SET LOCAL synchronous_commit = off`);
    const result = await tx.execute(sql`
      WITH unsettled AS (
        SELECT o.id, o.updated_at FROM orders o
        WHERE o.status IN ('pending', 'awaiting_payment')
          AND o.updated_at < now() - ${minAge}::interval
          AND (o.checked_at IS NULL OR o.checked_at < now() - ${minAge}::interval)
        ORDER BY o.updated_at
        LIMIT ${opts.batchSize}
        FOR UPDATE SKIP LOCKED
      ), refunding AS (
        SELECT o.id, o.updated_at FROM orders o
        WHERE o.id IN (SELECT r.order_id FROM refunds r WHERE r.status IN ('pending', 'created'))
          AND o.status IN ('paid', 'partially_refunded')
          AND o.updated_at < now() - ${minAge}::interval
          AND (o.checked_at IS NULL OR o.checked_at < now() - ${minAge}::interval)
        ORDER BY o.updated_at
        LIMIT ${opts.batchSize}
        FOR UPDATE OF o SKIP LOCKED
      )
      UPDATE orders SET checked_at = now()
      WHERE id IN (
        SELECT due.id FROM (SELECT * FROM unsettled UNION ALL SELECT * FROM refunding) due
        ORDER BY due.updated_at
        LIMIT ${opts.batchSize})
      RETURNING id`);
    // postgres.js returns an array of rows, PGlite an object with .rows.
    return (Array.isArray(result) ? result : (result as { rows: unknown[] }).rows) as { id: string }[];
  });
  return rows.map((row) => row.id);
}
