import { normalizeOrderStatus } from '@checkout/invoicebox';
import type { Tx } from '../db/client.js';
import type { Logger } from '../logger.js';
import { type OrderStatus, PAID_STATUSES, type TransitionSource } from './status.js';
import { type TransitionResult, transitionOrder } from './transitions.js';

/** Our status for an Invoicebox order status; null = nothing to do (created, processing…). */
export function targetForInvoiceboxStatus(status: string): OrderStatus | null {
  switch (normalizeOrderStatus(status as Parameters<typeof normalizeOrderStatus>[0])) {
    case 'completed':
      return 'paid';
    case 'hold':
      return 'held';
    case 'canceled':
      return 'canceled';
    case 'expired':
      return 'expired';
    default:
      return null;
  }
}

export type RemoteState = { status: string; paidAt?: string | null | undefined };

/**
 * What Invoicebox says about an order, applied through the state machine. Used by the notification route,
 * orders.sync and the reconciler alike, so a lost notification heals the same way it would have applied.
 */
export async function applyRemoteOrderState(
  tx: Tx,
  args: {
    orderId: string;
    remote: RemoteState;
    source: TransitionSource;
    reason: string;
    notificationId?: string;
    lockedStatus?: OrderStatus;
  },
  log: Logger,
): Promise<TransitionResult | { outcome: 'ignored' }> {
  const to = targetForInvoiceboxStatus(args.remote.status);
  if (!to) return { outcome: 'ignored' };
  const paidAt =
    (to === 'paid' || to === 'held') && args.remote.paidAt ? new Date(args.remote.paidAt) : undefined;
  const result = await transitionOrder(
    tx,
    {
      orderId: args.orderId,
      to,
      source: args.source,
      reason: args.reason,
      ...(paidAt && !Number.isNaN(paidAt.getTime()) ? { patch: { paidAt } } : {}),
      ...(args.notificationId !== undefined ? { notificationId: args.notificationId } : {}),
      ...(args.lockedStatus ? { lockedStatus: args.lockedStatus } : {}),
    },
    log,
  );
  // A refunded order is still a paid one as far as the payment is concerned, and a hold reported after the
  // capture is old news.
  if (
    result.outcome === 'illegal' &&
    (to === 'paid' || to === 'held') &&
    PAID_STATUSES.includes(result.from)
  ) {
    return { outcome: 'unchanged', status: result.from };
  }
  return result;
}

/**
 * A hold is applied whatever the shop's setting says (Invoicebox's cabinet decides whether card payments are held);
 * the warning says the setting does not match, since with it off the storefront never told the shopper.
 */
export function warnUnexpectedHold(holdPayments: boolean, orderId: string, log: Logger) {
  if (holdPayments) return;
  log.warn(
    { orderId },
    'Invoicebox holds this payment (status hold) but INVOICEBOX_HOLD_PAYMENTS is off: applied as held; turn the setting on if the cabinet holds card payments',
  );
}
