import { sql } from 'drizzle-orm';
import type { Db } from './db/client.js';

/**
 * The reconciler's claim: stamps checked_at on up to batchSize things Invoicebox may still change and returns the
 * ids of their orders. Due are orders left pending, awaiting payment or held, and refunds in flight (pending or
 * created), untouched (neither changed nor checked) for minAgeMs. Least recently touched first,
 * greatest(updated_at, checked_at), rather than oldest change first: a checked one goes to the back of the queue,
 * so when more are due than passes can check, every one still gets its turn (by oldest change, the oldest few
 * would be claimed again each time their stamp aged and the rest would starve). It is also what
 * orders_unsettled_held_due_idx and refunds_open_due_idx are sorted by, so each scan stops after batchSize due rows
 * instead of walking past the ones checked recently; a refund carries its own stamp, so the claim never reads
 * every open refund and its order. Rows another replica holds are skipped (FOR UPDATE SKIP LOCKED), and a row it
 * stamped meanwhile fails the re-check of the due condition, so replicas never claim one twice. The status lists
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
        SELECT o.id, NULL::uuid AS refund_id, greatest(o.updated_at, o.checked_at) AS touched FROM orders o
        WHERE o.status IN ('pending', 'awaiting_payment', 'held')
          AND greatest(o.updated_at, o.checked_at) < now() - ${minAge}::interval
        ORDER BY greatest(o.updated_at, o.checked_at)
        LIMIT ${opts.batchSize}
        FOR UPDATE SKIP LOCKED
      ), refunding AS (
        SELECT r.order_id AS id, r.id AS refund_id, greatest(r.updated_at, r.checked_at) AS touched FROM refunds r
        WHERE r.status IN ('pending', 'created')
          AND greatest(r.updated_at, r.checked_at) < now() - ${minAge}::interval
        ORDER BY greatest(r.updated_at, r.checked_at)
        LIMIT ${opts.batchSize}
        FOR UPDATE SKIP LOCKED
      ), due AS (
        SELECT * FROM (SELECT * FROM unsettled UNION ALL SELECT * FROM refunding) both_kinds
        ORDER BY touched
        LIMIT ${opts.batchSize}
      ), stamped_orders AS (
        UPDATE orders SET checked_at = now()
        WHERE id IN (SELECT due.id FROM due WHERE due.refund_id IS NULL)
        RETURNING id
      ), stamped_refunds AS (
        UPDATE refunds SET checked_at = now()
        WHERE id IN (SELECT due.refund_id FROM due WHERE due.refund_id IS NOT NULL)
        RETURNING order_id AS id
      )
      SELECT DISTINCT id FROM (SELECT id FROM stamped_orders UNION ALL SELECT id FROM stamped_refunds) claimed`);
    // postgres.js returns an array of rows, PGlite an object with .rows.
    return (Array.isArray(result) ? result : (result as { rows: unknown[] }).rows) as { id: string }[];
  });
  return rows.map((row) => row.id);
}
