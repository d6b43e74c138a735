import {
  createInvoiceboxClient,
  type InvoiceboxClientOptions,
  type ResponseInfo,
} from '@checkout/invoicebox';
import type { Logger } from '../logger.js';
import type { CallBudget, CallPriority } from './budget.js';

type InvoiceboxClient = ReturnType<typeof createInvoiceboxClient>;
type Method = (...args: unknown[]) => Promise<unknown>;

/**
 * The Invoicebox client for one kind of caller: `deps.invoicebox('checkout').createOrder(…)`. With a logger
 * (the request's), each call's log line carries that request's id.
 */
export type InvoiceboxFor = (priority: CallPriority, log?: Logger) => InvoiceboxClient;

/** Told about every answered call, with the logger of whoever made it (undefined: not a request's). */
export type OnInvoiceboxResponse = (info: ResponseInfo, log: Logger | undefined) => void;

// A company lookup's INN (a sole trader's is a person's) stays out of the call's log line, like the payer's.
const hideVatNumbers = (path: string) => path.replace(/(vatNumber[^=&]*=)[^&]*/g, '$1[redacted]');

/**
 * Every HTTP request to Invoicebox takes from the shared budget with the caller's priority. The first attempt
 * takes before the SDK is entered, so a refusal is a clean InvoiceboxBudgetError (never mistaken for a write whose
 * outcome is unknown); the SDK's own retries of a read go through fetch and take from the budget too.
 * The caller's logger is passed along explicitly rather than through AsyncLocalStorage: on Node 20 an active
 * AsyncLocalStorage installs promise hooks that tax every promise of every request.
 */
export function budgetedInvoicebox(
  options: InvoiceboxClientOptions,
  budget: CallBudget,
  onResponse: OnInvoiceboxResponse,
): InvoiceboxFor {
  const send = options.fetch ?? globalThis.fetch;
  const names = Object.keys(createInvoiceboxClient(options)) as (keyof InvoiceboxClient)[];

  function build(priority: CallPriority, log: Logger | undefined): InvoiceboxClient {
    const entries = names.map((name) => {
      const call: Method = async (...args) => {
        await budget.take(priority);
        let paid = true;
        const client = createInvoiceboxClient({
          ...options,
          onResponse: (info) => onResponse({ ...info, path: hideVatNumbers(info.path) }, log),
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
    checkout: build('checkout', undefined),
    staff: build('staff', undefined),
    sync: build('sync', undefined),
    reconciler: build('reconciler', undefined),
    lookup: build('lookup', undefined),
  };
  return (priority, log) => (log ? build(priority, log) : clients[priority]);
}
