import {
  type BasketItem,
  createRefundRequestSchema,
  fromKopecks,
  serializeInvoiceboxJson,
  toKopecks,
  validateBasket,
} from '@checkout/invoicebox';
import { ApiError, basketError, validationError, wrongOrderStatus } from '../api-error.js';
import { notificationUrlOf, type SandboxContext } from '../context.js';
import { uuidv7 } from '../ids.js';
import { allowedNotificationUrl } from '../notification-url-policy.js';
import { atomNow } from '../time.js';
import type { MerchantConfig, OrderRecord, RefundJson } from '../types.js';
import { merchantOrder } from './create-order.js';

interface Available {
  amount: number;
  vat: number;
}

/** What is still refundable per sku, in kopecks: the line total minus every refund not canceled. */
function availableBySku(ctx: SandboxContext, record: OrderRecord): Map<string, Available> {
  const left = new Map<string, Available>();
  if (record.order.status !== 'completed') return left;
  for (const item of record.order.basketItems) {
    const entry = left.get(item.sku) ?? { amount: 0, vat: 0 };
    entry.amount += toKopecks(item.totalAmount);
    entry.vat += toKopecks(item.totalVatAmount);
    left.set(item.sku, entry);
  }
  for (const refund of Object.values(ctx.store.data.refunds)) {
    if (refund.parentId !== record.order.id || refund.status === 'canceled') continue;
    for (const item of refund.basketItems) {
      const entry = left.get(item.sku);
      if (!entry) continue;
      entry.amount -= toKopecks(item.totalAmount);
      entry.vat -= toKopecks(item.totalVatAmount);
    }
  }
  return left;
}

export function refundableItems(ctx: SandboxContext, record: OrderRecord) {
  const left = availableBySku(ctx, record);
  const seen = new Set<string>();
  return record.order.basketItems.map((item) => {
    // Lines sharing a sku share one remainder; the first of them carries it.
    const entry = seen.has(item.sku) ? undefined : left.get(item.sku);
    seen.add(item.sku);
    return {
      ...item,
      availableAmount: fromKopecks(Math.max(0, entry?.amount ?? 0)),
      availableVatAmount: fromKopecks(Math.max(0, entry?.vat ?? 0)),
    };
  });
}

export function publicRefund(refund: RefundJson) {
  const { completeAt: _internal, ...json } = refund;
  return json;
}

export function createRefund(ctx: SandboxContext, merchant: MerchantConfig, body: unknown): RefundJson {
  const parsed = createRefundRequestSchema.safeParse(body);
  if (!parsed.success) throw validationError(parsed.error);
  const request = parsed.data;
  let parent: OrderRecord;
  try {
    parent = merchantOrder(ctx, merchant, request.parentId);
  } catch {
    throw new ApiError(404, 'not_found', `Order ${request.parentId} not found`, [
      { name: 'parentId', code: 'wrong_value', message: 'no such order of this shop' },
    ]);
  }
  if (parent.order.status !== 'completed') throw wrongOrderStatus(parent.order.status, 'refund');
  const duplicate = Object.values(ctx.store.data.refunds).some(
    (r) => r.merchantId === merchant.merchantId && r.merchantOrderId === request.merchantOrderId,
  );
  if (duplicate) {
    const message = `a refund with merchantOrderId ${request.merchantOrderId} already exists`;
    throw new ApiError(422, 'merchant_order_id_duplicate', message, [
      { name: 'merchantOrderId', code: 'wrong_value', message },
    ]);
  }
  const issues = validateBasket(request);
  if (issues.length > 0) throw basketError(issues);
  checkAvailable(request.basketItems, availableBySku(ctx, parent));

  const delay = ctx.refundCompletionDelayMs;
  const refund: RefundJson = {
    id: uuidv7(),
    parentId: parent.order.id,
    description: request.description,
    merchantOrderId: request.merchantOrderId,
    merchantId: merchant.merchantId,
    amount: request.amount,
    vatAmount: request.vatAmount,
    currencyId: parent.order.currencyId,
    basketItems: request.basketItems,
    createdAt: atomNow(),
    status: request.status ?? 'created',
    subtype: 'refund',
  };
  if (refund.status === 'created') refund.completeAt = new Date(Date.now() + delay).toISOString();
  ctx.store.data.refunds[refund.id] = refund;
  ctx.store.changed();
  if (refund.status === 'created') ctx.later(delay, () => completeRefund(ctx, refund.id));
  return refund;
}

function checkAvailable(items: BasketItem[], left: Map<string, Available>) {
  const asked = new Map<string, number>();
  items.forEach((item, i) => {
    const available = left.get(item.sku);
    const name = `basketItems[${i}].sku`;
    if (!available) {
      const message = `sku ${item.sku} is not in the paid order`;
      throw new ApiError(422, 'validation', message, [{ name, code: 'wrong_value', message }]);
    }
    const total = (asked.get(item.sku) ?? 0) + toKopecks(item.totalAmount);
    asked.set(item.sku, total);
    if (total > available.amount) {
      const message = `refund of sku ${item.sku} (${fromKopecks(total)}) exceeds what is still refundable (${fromKopecks(Math.max(0, available.amount))})`;
      throw new ApiError(422, 'wrong_basket_item_total_amount', message, [
        { name: `basketItems[${i}].totalAmount`, code: 'wrong_value', message },
      ]);
    }
  });
}

/** The money went back: mark the refund completed and notify the shop with the refund order JSON. */
export function completeRefund(ctx: SandboxContext, refundId: string) {
  const refund = ctx.store.data.refunds[refundId];
  if (refund?.status !== 'created') return;
  refund.status = 'completed';
  delete refund.completeAt;
  ctx.store.changed();
  const merchant = ctx.merchants.byId(refund.merchantId);
  const parent = ctx.store.order(refund.parentId);
  const url =
    merchant && allowedNotificationUrl(ctx, notificationUrlOf(merchant, parent?.order.notificationUrl));
  if (!merchant || !url) return;
  ctx.notifier.send({
    orderId: refund.parentId,
    merchantId: merchant.merchantId,
    event: 'refund',
    url,
    body: serializeInvoiceboxJson(publicRefund(refund)),
    key: merchant.notificationKey,
  });
}

/** After a restart: refunds still waiting to complete are scheduled again. */
export function resumeRefunds(ctx: SandboxContext) {
  for (const refund of Object.values(ctx.store.data.refunds)) {
    if (refund.status !== 'created') continue;
    const delay = refund.completeAt ? Math.max(0, Date.parse(refund.completeAt) - Date.now()) : 0;
    ctx.later(delay, () => completeRefund(ctx, refund.id));
  }
}
