/**
 * Who is calling Invoicebox: checkout and staff may use the whole budget; sync, the reconciler and shoppers'
 * company lookups (a convenience: the shopper can always type the details) only the unreserved part.
 */
export type CallPriority = 'checkout' | 'staff' | 'sync' | 'reconciler' | 'lookup';

const URGENT: ReadonlySet<CallPriority> = new Set(['checkout', 'staff']);

/** One attempt at the shared window: either a slot was taken, or the time until one frees for `allowed`. */
export type WindowTake = { taken: true } | { taken: false; retryInMs: number };

/** A sliding window of outgoing calls shared by every replica (PostgreSQL row or Redis sorted set). */
export interface CallWindow {
  tryTake(allowed: number, windowMs: number): Promise<WindowTake>;
}

/** No room in the Invoicebox budget for this call: it was NOT sent. */
export class InvoiceboxBudgetError extends Error {
  override name = 'InvoiceboxBudgetError';
  constructor(
    readonly priority: CallPriority,
    readonly retryInMs: number,
  ) {
    super(
      `Invoicebox call budget used up for ${priority} calls; room again in ${Math.ceil(retryInMs / 1000)} s (the call was not sent)`,
    );
  }
}

export type BudgetSettings = { limit: number; windowMs: number; reservedShare: number; waitMs: number };

export type CallBudget = {
  /** Resolves when the call may go out; throws InvoiceboxBudgetError when it may not. */
  take(priority: CallPriority): Promise<void>;
};

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Keeps the fleet under Invoicebox's per-account limit. Background work (sync, reconciler) stops while less than
 * the reserved share is left and never waits; checkout and staff may use all of it and wait up to waitMs for a
 * slot rather than fail. When the store itself fails, urgent calls go out (a shopper's checkout matters more than
 * the count) and background calls are refused.
 */
export function createCallBudget(
  window: CallWindow,
  settings: BudgetSettings,
  hooks: { onStoreError(error: unknown): void; onRefused(priority: CallPriority): void },
): CallBudget {
  const backgroundShare = Math.floor(settings.limit * (1 - settings.reservedShare));
  return {
    async take(priority) {
      const urgent = URGENT.has(priority);
      const allowed = urgent ? settings.limit : backgroundShare;
      const deadline = Date.now() + (urgent ? settings.waitMs : 0);
      for (;;) {
        let result: WindowTake;
        try {
          result =
            allowed > 0
              ? await window.tryTake(allowed, settings.windowMs)
              : { taken: false, retryInMs: settings.windowMs };
        } catch (error) {
          hooks.onStoreError(error);
          if (urgent) return;
          throw new InvoiceboxBudgetError(priority, settings.windowMs);
        }
        if (result.taken) return;
        const left = deadline - Date.now();
        if (left <= 0 || result.retryInMs > left) {
          hooks.onRefused(priority);
          throw new InvoiceboxBudgetError(priority, result.retryInMs);
        }
        // A little jitter so waiting replicas do not all retry in the same millisecond.
        await sleep(Math.max(5, result.retryInMs) + Math.random() * 20);
      }
    },
  };
}
