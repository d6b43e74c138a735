import type { OrderNotification } from '../schemas/notification.js';

/** Error codes Invoicebox accepts in a notification answer (protocol, "Notification response"). */
export const NOTIFICATION_ERROR_CODES = [
  'out_of_service',
  'order_wrong_amount',
  'order_already_paid',
  'order_not_found',
  'shipping_unavailable',
  'signature_error',
  'order_wrong_status',
  'order_wrong_currency',
] as const;
/** A code for `notificationReply.error`; only `out_of_service` makes Invoicebox retry. */
export type NotificationErrorCode = (typeof NOTIFICATION_ERROR_CODES)[number];

/** The JSON body a shop answers a notification with (always with HTTP 200). */
export type NotificationReply =
  | { status: 'success' }
  | { status: 'error'; code: NotificationErrorCode; message: string };

const DEFAULT_MESSAGES: Record<NotificationErrorCode, string> = {
  out_of_service: 'Temporary error, please retry later',
  order_wrong_amount: 'Order amount does not match',
  order_already_paid: 'Order is already paid',
  order_not_found: 'Order not found',
  shipping_unavailable: 'The goods or service cannot be provided',
  signature_error: 'Signature verification failed',
  order_wrong_status: 'Order status does not allow this operation',
  order_wrong_currency: 'Order currency does not match',
};

/** Answer bodies for a notification; always send them with HTTP 200 (any other status counts as a failed delivery). */
export const notificationReply = {
  /** The order was handled (or already had been): Invoicebox stops delivering this notification. */
  success: (): NotificationReply => ({ status: 'success' }),
  /** `out_of_service` makes Invoicebox retry (10 more times in 24 h). Message is capped at 500 characters. */
  error: (code: NotificationErrorCode, message?: string): NotificationReply => ({
    status: 'error',
    code,
    message: (message ?? DEFAULT_MESSAGES[code]).slice(0, 500),
  }),
};

/** The id of Invoicebox's automatic monitoring notification: verify it, answer success, change nothing. */
export const MONITORING_PROBE_ORDER_ID = 'ffffffff-ffff-ffff-ffff-ffffffffffff';
const LEGACY_PROBE_ID = '00000-00000-00000-00000';

/** True for Invoicebox's monitoring notification (current or legacy id), which must not touch any real order. */
export function isMonitoringProbe(notification: Pick<OrderNotification, 'id'>): boolean {
  return notification.id === MONITORING_PROBE_ORDER_ID || notification.id === LEGACY_PROBE_ID;
}
