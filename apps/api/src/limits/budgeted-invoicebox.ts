import { createInvoiceboxClient, type InvoiceboxClientOptions } from '@checkout/invoicebox';
import type { CallBudget, CallPriority } from './budget.js';

type InvoiceboxClient = ReturnType<typeof createInvoiceboxClient>;
type Method = (...args: unknown[]) => Promise<unknown>;

/** The Invoicebox client for one kind of caller: `deps.invoicebox('checkout').createOrder(…)`. */
export type InvoiceboxFor = (priority: CallPriority) => InvoiceboxClient;

/**
 * Every HTTP request to Invoicebox takes from the shared budget with the caller's priority. The first attempt
 * takes before the SDK is entered, so a refusal is a clean InvoiceboxBudgetError (never mistaken for a write whose
 * outcome is unknown); the SDK's own retries of a read go through fetch and take from the budget too.
 */
export function budgetedInvoicebox(options: InvoiceboxClientOptions, budget: CallBudget): InvoiceboxFor {
  const send = options.fetch ?? globalThis.fetch;
  const names = Object.keys(createInvoiceboxClient(options)) as (keyof InvoiceboxClient)[];

  function build(priority: CallPriority): InvoiceboxClient {
    const entries = names.map((name) => {
      const call: Method = async (...args) => {
        await budget.take(priority);
        let paid = true;
        const client = createInvoiceboxClient({
          ...options,
          fetch: async (input, init) => {
            if (paid) paid = false;
            else await budget.take(priority);
            return send(input, init);
          },
        });
        return (client[name] as Method)(...args);
      };
      return [name, call] as const;
    });
    return Object.fromEntries(entries) as unknown as InvoiceboxClient;
  }

  const clients: Record<CallPriority, InvoiceboxClient> = {
    checkout: build('checkout'),
    staff: build('staff'),
    sync: build('sync'),
    reconciler: build('reconciler'),
  };
  return (priority) => clients[priority];
}
