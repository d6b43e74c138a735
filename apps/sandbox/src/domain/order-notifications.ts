import { serializeInvoiceboxJson } from '@checkout/invoicebox';
import { notificationUrlOf, type SandboxContext } from '../context.js';
import { allowedNotificationUrl } from '../notification-url-policy.js';
import type { Delivery, DeliveryEvent, OrderRecord } from '../types.js';

/** Sends the order JSON to the order's notificationUrl (or the merchant's). Undefined when there is no URL (then only the gate hears of it). */
export function notifyOrder(
  ctx: SandboxContext,
  record: OrderRecord,
  event: DeliveryEvent,
  honourDrop = true,
): Delivery | undefined {
  const { order } = record;
  const merchant = ctx.merchants.byId(order.merchantId);
  const url = merchant && allowedNotificationUrl(ctx, notificationUrlOf(merchant, order.notificationUrl));
  if (!merchant) return undefined;
  if (!url) {
    ctx.log(`no notification URL for order ${order.id}; told the gate only`);
    const { merchantId } = merchant;
    ctx.notifier.announce({ orderId: order.id, merchantId, event, body: serializeInvoiceboxJson(order) });
    return undefined;
  }
  return ctx.notifier.send(
    {
      orderId: order.id,
      merchantId: merchant.merchantId,
      event,
      url,
      body: serializeInvoiceboxJson(order),
      key: merchant.notificationKey,
      algorithm: merchant.signatureAlgorithm,
    },
    honourDrop,
  );
}
