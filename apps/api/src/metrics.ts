import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';

/**
 * One registry per process (like the process itself: several API instances in one test process share it, so
 * tests compare before/after values). Served at GET /metrics by src/metrics-route.ts.
 */
export const registry = new Registry();
collectDefaultMetrics({ register: registry });

const httpDuration = new Histogram({
  name: 'http_request_duration_seconds',
  help: 'HTTP requests by route pattern (tRPC: by procedure), method and status code',
  labelNames: ['route', 'method', 'status'] as const,
  buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
  registers: [registry],
});

const notifications = new Counter({
  name: 'invoicebox_notifications_total',
  help: 'Invoicebox notifications answered, by answer (success or the error code)',
  labelNames: ['answer'] as const,
  registers: [registry],
});

const transitions = new Counter({
  name: 'order_transitions_total',
  help: 'Order status changes applied, by from/to status and source',
  labelNames: ['from', 'to', 'source'] as const,
  registers: [registry],
});

const invoiceboxCalls = new Histogram({
  name: 'invoicebox_call_duration_seconds',
  help: 'Outgoing Invoicebox API calls by endpoint, method and outcome (HTTP status class, 429, or network)',
  labelNames: ['endpoint', 'method', 'outcome'] as const,
  buckets: [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 20],
  registers: [registry],
});

const reconcilerChecked = new Counter({
  name: 'reconciler_orders_checked_total',
  help: 'Orders the reconciler checked with Invoicebox',
  registers: [registry],
});

let lastReconcilerPass = Date.now();
new Gauge({
  name: 'reconciler_lag_seconds',
  help: 'Seconds since the reconciler last finished a pass (since process start before the first one)',
  registers: [registry],
  collect() {
    this.set((Date.now() - lastReconcilerPass) / 1000);
  },
});

const rateLimitRejections = new Counter({
  name: 'rate_limit_rejections_total',
  help: 'Requests refused by a rate limit, by limit scope',
  labelNames: ['scope'] as const,
  registers: [registry],
});

export function observeRequest(route: string, method: string, status: number, seconds: number): void {
  httpDuration.observe({ route, method, status: String(status) }, seconds);
}

export function countNotification(answer: string): void {
  notifications.inc({ answer });
}

export function countTransition(from: string, to: string, source: string): void {
  transitions.inc({ from, to, source });
}

// Ids in paths (UUIDs, numbers) would make one series per order.
const ID_SEGMENT = /\/(?=[^/]*\d)[0-9a-f-]{6,}(?=\/|$)|\/\d+(?=\/|$)/gi;

/** Feed for the Invoicebox client's onResponse hook (status is 0 for a network failure). */
export function observeInvoiceboxCall(method: string, path: string, status: number, ms: number): void {
  const endpoint = path.split('?')[0]!.replace(ID_SEGMENT, '/:id');
  const outcome = status === 0 ? 'network' : status === 429 ? '429' : `${Math.floor(status / 100)}xx`;
  invoiceboxCalls.observe({ endpoint, method, outcome }, ms / 1000);
}

export function reconcilerPassed(checked: number): void {
  lastReconcilerPass = Date.now();
  reconcilerChecked.inc(checked);
}

/** For rate limiters: call once per refused request, with the limit's name (e.g. 'ip', 'staff-login'). */
export function countRateLimitRejection(scope: string): void {
  rateLimitRejections.inc({ scope });
}

/** fetch for the Invoicebox client: onResponse never sees calls that got no response, this counts them. */
export function countingFetch(base: typeof fetch = globalThis.fetch): typeof fetch {
  return async (input, init) => {
    const started = performance.now();
    try {
      return await base(input, init);
    } catch (error) {
      const url = new URL(input instanceof Request ? input.url : String(input));
      observeInvoiceboxCall(init?.method ?? 'GET', url.pathname, 0, performance.now() - started);
      throw error;
    }
  };
}
