import { fromKopecks, serializeInvoiceboxJson, toKopecks } from '@checkout/invoicebox';
import { ApiError, validationError, wrongOrderStatus } from '../api-error.js';
import { notificationUrlOf, type SandboxContext } from '../context.js';
import { uuidv7 } from '../ids.js';
import { allowedNotificationUrl } from '../notification-url-policy.js';
import type { BasketItem } from '../protocol/basket-item.js';
import { createRefundRequestSchema } from '../protocol/refund-requests.js';
import type { RefundableItemJson, RefundOrderJson } from '../protocol/responses.js';
import { QUANTITY_SCALE, scaledQuantity } from '../protocol/wire-values.js';
import { atomNow } from '../time.js';
import type { MerchantConfig, OrderRecord, RefundJson } from '../types.js';
import { checkBasket, merchantOrder } from './create-order.js';

interface Available {
  amount: number;
  vat: number;
  /** Quantity left, in millionths. */
  quantity: bigint;
}

/** What is still refundable per sku, in kopecks: the line total minus every refund not canceled. */
function availableBySku(ctx: SandboxContext, record: OrderRecord): Map<string, Available> {
  const left = new Map<string, Available>();
  if (record.order.status !== 'completed') return left;
  for (const item of record.order.basketItems) {
    const entry = left.get(item.sku) ?? { amount: 0, vat: 0, quantity: 0n };
    entry.amount += toKopecks(item.totalAmount);
    entry.vat += toKopecks(item.totalVatAmount);
    entry.quantity += scaledQuantity(item.quantity) ?? 0n;
    left.set(item.sku, entry);
  }
  for (const refund of Object.values(ctx.store.data.refunds)) {
    if (refund.parentId !== record.order.id || refund.status === 'canceled') continue;
    for (const item of refund.basketItems) {
      const entry = left.get(item.sku);
      if (!entry) continue;
      entry.amount -= toKopecks(item.totalAmount);
      entry.vat -= toKopecks(item.totalVatAmount);
      entry.quantity -= scaledQuantity(item.quantity) ?? 0n;
    }
  }
  return left;
}

/** `refund-basket-item` with `availableAmount`/`availableVatAmount` per line (0 until the order is paid). */
export function refundableItems(ctx: SandboxContext, record: OrderRecord): RefundableItemJson[] {
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

/**
 * `refund-basket-item` as in the PHP SDK's fixture: plain basket lines of what is still refundable (the line's
 * remaining quantity, total and VAT), nothing once it is all refunded or before payment.
 */
export function remainingBasket(ctx: SandboxContext, record: OrderRecord): BasketItem[] {
  const left = availableBySku(ctx, record);
  const rows: BasketItem[] = [];
  for (const item of record.order.basketItems) {
    const entry = left.get(item.sku);
    if (!entry || entry.amount <= 0) continue;
    left.delete(item.sku); // lines sharing a sku share one remainder
    const whole = toKopecks(item.totalAmount) === entry.amount;
    rows.push({
      ...item,
      quantity: whole ? item.quantity : quantityNumber(entry.quantity > 0n ? entry.quantity : 0n),
      totalAmount: fromKopecks(entry.amount),
      totalVatAmount: fromKopecks(Math.max(0, entry.vat)),
    });
  }
  return rows;
}

function quantityNumber(scaled: bigint): number {
  const unit = 10n ** BigInt(QUANTITY_SCALE);
  return Number(`${scaled / unit}.${String(scaled % unit).padStart(QUANTITY_SCALE, '0')}`);
}

/** The refund as Invoicebox answers it and notifies it (RefundOrderResponse, §5.9): no internal fields. */
export function publicRefund(refund: RefundJson): RefundOrderJson {
  return {
    id: refund.id,
    parentId: refund.parentId,
    description: refund.description,
    merchantOrderId: refund.merchantOrderId,
    merchantId: refund.merchantId,
    amount: refund.amount,
    vatAmount: refund.vatAmount,
    currencyId: refund.currencyId,
    basketItems: refund.basketItems,
    createdAt: refund.createdAt,
    status: refund.status,
  };
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
  checkBasket(request, undefined);
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

/**
 * The money went back: mark the refund completed and notify the shop with the refund order (RefundOrderResponse,
 * as the docs give it: no `subtype`; the shop tells it from an order by its `parentId`).
 */
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
  if (!merchant) return;
  const notification = {
    orderId: refund.parentId,
    merchantId: merchant.merchantId,
    event: 'refund' as const,
    body: serializeInvoiceboxJson(publicRefund(refund)),
  };
  if (!url) return ctx.notifier.announce(notification);
  ctx.notifier.send({
    ...notification,
    url,
    key: merchant.notificationKey,
    algorithm: merchant.signatureAlgorithm,
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
