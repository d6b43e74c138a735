import {
  isMonitoringProbe,
  type NotificationReply,
  notificationReply,
  type OrderNotification,
} from '@checkout/invoicebox';
import type { Deps } from '../deps.js';
import type { Logger } from '../logger.js';
import { countNotification } from '../metrics.js';
import { applyNotification } from '../webhooks/apply-notification.js';

/**
 * One notification from the gate, through the webhook's exactly-once path (applyNotification: row lock, unique
 * key on Invoicebox id + status + body hash). There is no signature to check: the gate signs nothing, and the
 * connection itself is authenticated (our token, over TLS to Invoicebox's host), so what arrives on it comes from
 * Invoicebox. `raw` is the body as Invoicebox encodes it, so the same event delivered over HTTP and over the gate
 * hashes the same and is applied once. Throws to have the gate deliver it again.
 */
export async function applyGateNotification(
  deps: Deps,
  notification: OrderNotification,
  raw: string,
  log: Logger,
): Promise<NotificationReply> {
  if (notification.merchantId !== deps.config.merchantId) {
    log.warn({ merchantId: notification.merchantId }, 'gate notification for another merchant');
    countNotification('order_not_found');
    return notificationReply.error(
      'order_not_found',
      `merchantId ${notification.merchantId} is not this shop`,
    );
  }
  if (isMonitoringProbe(notification)) return notificationReply.success();
  const answer = await applyNotification(deps, notification, Buffer.from(raw, 'utf8'), log);
  countNotification(answer.status === 'success' ? 'success' : answer.code);
  if (answer.status === 'error' && answer.code === 'out_of_service') throw new Error(answer.message);
  return answer as NotificationReply;
}
