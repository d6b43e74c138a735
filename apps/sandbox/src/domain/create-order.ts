import { ApiError, basketError, notFound, validationError } from '../api-error.js';
import type { SandboxContext } from '../context.js';
import { uuidv7 } from '../ids.js';
import { checkNotificationUrl } from '../notification-url-policy.js';
import type { BasketItem } from '../protocol/basket-item.js';
import {
  createOrderRequestSchema,
  type UpdateOrderRequest,
  updateOrderRequestSchema,
} from '../protocol/order-requests.js';
import type { OrderSetting } from '../protocol/settings.js';
import { atomNow, timeOf, toAtom } from '../time.js';
import type { MerchantConfig, OrderJson, OrderRecord } from '../types.js';
import { checkBasket as basketIssues, DEFAULT_ROUND_POLICY } from './basket-checks.js';
import { refreshExpiry } from './order-lifecycle.js';

function checkExpiration(expirationDate: string | undefined) {
  if (expirationDate === undefined) return;
  if (!(timeOf(expirationDate) > Date.now())) {
    const message = `expirationDate ${expirationDate} is not in the future`;
    throw new ApiError(422, 'wrong_expiration_date', message, [
      { name: 'expirationDate', code: 'wrong_value', message },
    ]);
  }
}

/** §7.1 arithmetic, under the order's `roundPolicy`; `disableValidate: true` skips it. */
export function checkBasket(
  order: { amount: number; vatAmount: number; basketItems: BasketItem[] },
  setting: OrderSetting | undefined,
) {
  if (setting?.disableValidate === true) return;
  const issues = basketIssues(order, setting?.roundPolicy ?? DEFAULT_ROUND_POLICY);
  if (issues.length > 0) throw basketError(issues);
}

export function createOrder(ctx: SandboxContext, merchant: MerchantConfig, body: unknown): OrderJson {
  const parsed = createOrderRequestSchema.safeParse(body);
  if (!parsed.success) throw validationError(parsed.error);
  const request = parsed.data;
  if (request.merchantId !== merchant.merchantId) {
    const message = 'merchantId does not belong to the shop of this token';
    throw new ApiError(403, 'forbidden', message, [{ name: 'merchantId', code: 'wrong_value', message }]);
  }
  checkExpiration(request.expirationDate);
  checkBasket(request, request.orderSetting);
  checkNotificationUrl(request.notificationUrl, ctx.allowAnyNotificationHost);
  if (
    !merchant.allowDuplicateMerchantOrderId &&
    ctx.store.ordersByMerchantOrderId(merchant.merchantId, request.merchantOrderId).length > 0
  ) {
    const message = `merchantOrderId ${request.merchantOrderId} is already used by another order`;
    throw new ApiError(422, 'merchant_order_id_duplicate', message, [
      { name: 'merchantOrderId', code: 'wrong_value', message },
    ]);
  }
  const containerId = request.orderContainerId ?? uuidv7();
  const { merchantId, merchantOrderId, description, currencyId, amount, vatAmount, basketItems, ...rest } =
    request;
  const order: OrderJson = {
    id: uuidv7(),
    description,
    currencyId,
    ...(request.shopId === undefined ? {} : { shopId: request.shopId }),
    amount,
    vatAmount,
    basketItems,
    orderContainerId: containerId,
    merchantId,
    status: 'created',
    subtype: 'order',
    processingStatus: '',
    createdAt: atomNow(),
    merchantOrderId,
    merchantOrderIdVisible: request.merchantOrderIdVisible ?? merchantOrderId,
    // Invoicebox stores UTC and answers with +00:00, whatever offset the client wrote.
    expirationDate: toAtom(request.expirationDate),
    fileIds: [],
    paymentUrl: `${ctx.publicUrl}/order/${containerId}`,
    customer: request.customer,
    languageId: request.languageId ?? 'ru',
    processable: request.processable ?? true,
  };
  for (const [key, value] of Object.entries(rest)) {
    if (!(key in order) && value !== undefined) order[key] = value;
  }
  ctx.store.addOrder({ order, attempts: [] });
  return order;
}

/** The merchant's order, expired first if its time is up; 404 for other merchants' orders. */
export function merchantOrder(ctx: SandboxContext, merchant: MerchantConfig, id: string): OrderRecord {
  const record = ctx.store.order(id);
  if (!record || record.order.merchantId !== merchant.merchantId) throw notFound(`Order ${id}`);
  return refreshExpiry(ctx, record);
}

export function updateOrder(ctx: SandboxContext, record: OrderRecord, body: unknown): OrderJson {
  const parsed = updateOrderRequestSchema.safeParse(body);
  if (!parsed.success) throw validationError(parsed.error);
  const patch: UpdateOrderRequest = parsed.data;
  const { order } = record;
  if (order.status !== 'created') {
    throw new ApiError(
      422,
      'wrong_order_status',
      `Only an unpaid order can be changed (status "${order.status}")`,
    );
  }
  checkExpiration(patch.expirationDate);
  const changes = Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined));
  if (patch.expirationDate !== undefined) changes.expirationDate = toAtom(patch.expirationDate);
  const next = { ...order, ...changes };
  if (patch.amount !== undefined || patch.vatAmount !== undefined || patch.basketItems !== undefined) {
    checkBasket(next, order.orderSetting as OrderSetting | undefined);
  }
  Object.assign(order, next);
  ctx.store.changed();
  return order;
}
