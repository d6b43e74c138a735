import type { Deps } from './deps.js';
import { claimDueOrders } from './due-orders.js';
import { safeError } from './lib/safe-error.js';
import { InvoiceboxBudgetError } from './limits/budget.js';
import type { Logger } from './logger.js';
import { reconcilerPassed } from './metrics.js';
import { syncOrder } from './orders/sync-order.js';

export type ReconcilerOptions = {
  /** How often to look; false = never (tests call runOnce themselves). */
  intervalMs: number | false;
  /** Only orders untouched for this long: fresh ones are still in the shopper's hands. */
  minAgeMs: number;
  batchSize?: number;
};

export type Reconciler = {
  runOnce(): Promise<number>;
  /** The claim step alone (claimDueOrders): stamps and returns the due orders without checking them. For benchmarks. */
  claim(): Promise<string[]>;
  stop(): Promise<void>;
};

/**
 * Heals lost notifications in the background: orders left awaiting payment (and refunds left open) are
 * checked with Invoicebox. Rows are claimed with FOR UPDATE SKIP LOCKED plus a checked_at stamp, so several
 * replicas share the work instead of repeating it.
 */
export function startReconciler(deps: Deps, opts: ReconcilerOptions, log: Logger): Reconciler {
  const batchSize = opts.batchSize ?? 20;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<number> | undefined;
  let stopped = false;

  const claim = () => claimDueOrders(deps.db, { minAgeMs: opts.minAgeMs, batchSize });

  async function runOnce(): Promise<number> {
    const ids = await claim();
    for (const id of ids) {
      if (stopped) break;
      try {
        await syncOrder(deps, id, 'reconciler', log);
      } catch (error) {
        // The rest of the budget is kept for checkout: the other claimed orders wait for a later pass.
        if (error instanceof InvoiceboxBudgetError) {
          log.info(
            { orderId: id },
            'reconciler pass ends early: Invoicebox call budget reserved for checkout',
          );
          break;
        }
        log.warn({ orderId: id, err: safeError(error) }, 'reconciler could not sync an order');
      }
    }
    if (ids.length > 0) log.info({ checked: ids.length }, 'reconciler pass');
    reconcilerPassed(ids.length);
    return ids.length;
  }

  function schedule() {
    if (stopped || opts.intervalMs === false) return;
    // A little jitter keeps replicas started together from polling in lockstep.
    const delay = opts.intervalMs * (0.8 + Math.random() * 0.4);
    timer = setTimeout(() => {
      running = runOnce().catch((error: unknown) => {
        log.warn({ err: safeError(error) }, 'reconciler pass failed');
        return 0;
      });
      void running.finally(schedule);
    }, delay);
    timer.unref();
  }
  schedule();

  return {
    runOnce,
    claim,
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      await running;
    },
  };
}
