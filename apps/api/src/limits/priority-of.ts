import type { TransitionSource } from '../orders/status.js';
import type { CallPriority } from './budget.js';

/** The budget priority of whatever caused an Invoicebox call. */
export function priorityOf(source: TransitionSource): CallPriority {
  if (source === 'checkout' || source === 'staff' || source === 'reconciler') return source;
  return 'sync';
}
