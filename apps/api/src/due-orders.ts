import { sql } from 'drizzle-orm';
import type { Db } from './db/client.js';

/**
 * The reconciler's claim: stamps checked_at on up to batchSize orders Invoicebox may still change and returns
 * their ids. Due are orders left pending, awaiting payment or held (until the hold is captured or released),
 * and paid ones with a refund in flight, untouched (neither changed nor checked) for minAgeMs. Least recently
 * touched first, greatest(updated_at, checked_at), rather than oldest change first: a checked order goes to the
 * back of the queue, so when more orders are due than passes can check, every one still gets its turn (by oldest
 * change, the oldest few would be claimed again each time their stamp aged and the rest would starve). It is also
 * what orders_unsettled_held_due_idx is sorted by, so that scan stops after batchSize due rows instead of walking
 * past the ones checked recently. Paid orders with a refund in flight are read through refunds_open_idx (those
 * few refunds); one OR over both sides would walk every paid order. Rows another replica holds are skipped
 * (FOR UPDATE SKIP LOCKED), and a row it stamped meanwhile fails the re-check of the due condition, so replicas
 * never claim an order twice. The status lists are literals so the planner can match them to the partial indexes.
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
        SELECT o.id, greatest(o.updated_at, o.checked_at) AS touched FROM orders o
        WHERE o.status IN ('pending', 'awaiting_payment', 'held')
          AND greatest(o.updated_at, o.checked_at) < now() - ${minAge}::interval
        ORDER BY greatest(o.updated_at, o.checked_at)
        LIMIT ${opts.batchSize}
        FOR UPDATE SKIP LOCKED
      ), refunding AS (
        SELECT o.id, greatest(o.updated_at, o.checked_at) AS touched FROM orders o
        WHERE o.id IN (SELECT r.order_id FROM refunds r WHERE r.status IN ('pending', 'created'))
          AND o.status IN ('paid', 'partially_refunded')
          AND greatest(o.updated_at, o.checked_at) < now() - ${minAge}::interval
        ORDER BY greatest(o.updated_at, o.checked_at)
        LIMIT ${opts.batchSize}
        FOR UPDATE OF o SKIP LOCKED
      )
      UPDATE orders SET checked_at = now()
      WHERE id IN (
        SELECT due.id FROM (SELECT * FROM unsettled UNION ALL SELECT * FROM refunding) due
        ORDER BY due.touched
        LIMIT ${opts.batchSize})
      RETURNING id`);
    // postgres.js returns an array of rows, PGlite an object with .rows.
    return (Array.isArray(result) ? result : (result as { rows: unknown[] }).rows) as { id: string }[];
  });
  return rows.map((row) => row.id);
}
