import type { CallPriority } from './budget.js';

/** The per-IP groups of public procedures. */
export type RateGroup = 'checkout' | 'refund_request' | 'read' | 'company_lookup';

/**
 * Everything the abuse limits turned away, for a metrics counter (StartApiOptions.onLimitRejected), e.g.
 * `counter.inc({ kind: event.kind, detail: 'group' in event ? event.group : … })`.
 */
export type LimitRejection =
  | { kind: 'rate_limit'; group: RateGroup }
  | { kind: 'staff_login' }
  | { kind: 'invoicebox_budget'; priority: CallPriority }
  | { kind: 'webhook_signature'; reason: string };

export type OnLimitRejected = (event: LimitRejection) => void;
