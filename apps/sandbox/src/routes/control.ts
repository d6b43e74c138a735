import { MONITORING_PROBE_ORDER_ID, serializeInvoiceboxJson } from '@checkout/invoicebox';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { ApiError, notFound, validationError } from '../api-error.js';
import type { SandboxContext } from '../context.js';
import { refuseCrossSiteControl } from '../control-origin.js';
import { ownRedirectPath } from '../control-redirect.js';
import { declineOrder, expireOrder, payOrder, refreshExpiry } from '../domain/order-lifecycle.js';
import { notifyOrder } from '../domain/order-notifications.js';
import { allowedNotificationUrl } from '../notification-url-policy.js';
import type { RateLimiter } from '../rate-limit.js';
import { cardBehaviour, cardLast4, TEST_CARDS } from '../test-cards.js';
import { atomNow } from '../time.js';
import type { OrderRecord } from '../types.js';

type RefParams = { Params: { ref: string } };

/** `:ref` = Invoicebox order id, orderContainerId or merchantOrderId (the newest match). */
export function resolveOrder(ctx: SandboxContext, ref: string): OrderRecord {
  const record =
    ctx.store.order(ref) ??
    ctx.store.ordersInContainer(ref).at(-1) ??
    ctx.store.ordersWithMerchantOrderId(ref).at(-1);
  if (!record) throw notFound(`Order ${ref}`);
  return refreshExpiry(ctx, record);
}

const payBody = z.strictObject({ card: z.string().max(40).optional() }).optional();
const settingsBody = z.strictObject({
  notifications: z
    .strictObject({
      mode: z.enum(['deliver', 'drop']).optional(),
      dropRate: z.number().min(0).max(1).optional(),
    })
    .optional(),
});
const probeBody = z.strictObject({ merchantId: z.string().max(100).optional() }).optional();

function parse<T extends z.ZodType>(schema: T, body: unknown): z.infer<T> {
  const parsed = schema.safeParse(body === undefined || body === null || body === '' ? undefined : body);
  if (!parsed.success) throw validationError(parsed.error);
  return parsed.data;
}

/** Dashboard forms add `?redirect=/...`: answer with a redirect instead of JSON. */
function answer(request: FastifyRequest, reply: FastifyReply, body: unknown) {
  const target = ownRedirectPath((request.query as { redirect?: unknown }).redirect);
  if (target) return reply.redirect(target, 303);
  return reply.send(body);
}

export function controlRoutes(app: FastifyInstance, ctx: SandboxContext, limiter: RateLimiter) {
  const { store } = ctx;
  app.addHook('onRequest', async (request) => {
    if (request.url.startsWith('/_sandbox/')) refuseCrossSiteControl(request, ctx.publicUrl);
  });
  const deliveriesOf = (orderId: string) => store.data.deliveries.filter((d) => d.orderId === orderId);

  app.get('/_sandbox/orders', async () => ({
    orders: Object.values(store.data.orders).map((r) => refreshExpiry(ctx, r).order),
  }));

  app.get<RefParams>('/_sandbox/orders/:ref', async (request) => {
    const record = resolveOrder(ctx, request.params.ref);
    const refunds = Object.values(store.data.refunds).filter((r) => r.parentId === record.order.id);
    return {
      order: record.order,
      deliveries: deliveriesOf(record.order.id),
      attempts: record.attempts,
      refunds,
    };
  });

  app.post<RefParams>('/_sandbox/orders/:ref/pay', async (request, reply) => {
    const card = parse(payBody, request.body)?.card ?? TEST_CARDS.success;
    const record = resolveOrder(ctx, request.params.ref);
    const behaviour = cardBehaviour(card);
    if (behaviour === 'unknown') {
      const message = `unknown test card; use one of ${Object.values(TEST_CARDS).join(', ')}`;
      throw new ApiError(422, 'validation', message, [{ name: 'card', code: 'wrong_value', message }]);
    }
    const attempt = { method: 'control' as const, cardLast4: cardLast4(card) };
    // The control API has no code prompt: the confirmation-code card pays as if the right code was entered.
    if (behaviour === 'declined') declineOrder(ctx, record, attempt);
    else payOrder(ctx, record, attempt);
    return answer(request, reply, { order: record.order });
  });

  app.post<RefParams>('/_sandbox/orders/:ref/decline', async (request, reply) => {
    const record = resolveOrder(ctx, request.params.ref);
    declineOrder(ctx, record, { method: 'control', cardLast4: cardLast4(TEST_CARDS.declined) });
    return answer(request, reply, { order: record.order });
  });

  app.post<RefParams>('/_sandbox/orders/:ref/expire', async (request, reply) => {
    const record = resolveOrder(ctx, request.params.ref);
    expireOrder(ctx, record);
    return answer(request, reply, { order: record.order });
  });

  app.post<RefParams>('/_sandbox/orders/:ref/resend', async (request, reply) => {
    const record = resolveOrder(ctx, request.params.ref);
    const event =
      record.order.status === 'completed' || record.order.status === 'hold'
        ? 'payment'
        : record.order.status === 'canceled'
          ? 'cancellation'
          : record.order.status === 'expired'
            ? 'expiry'
            : undefined;
    if (!event) {
      throw new ApiError(422, 'wrong_order_status', 'An unpaid order has no notification to resend');
    }
    const delivery = notifyOrder(ctx, record, event, false);
    return answer(request, reply, { order: record.order, delivery });
  });

  app.post('/_sandbox/probe', async (request, reply) => {
    const body = parse(probeBody, request.body);
    const merchant = body?.merchantId ? ctx.merchants.byId(body.merchantId) : ctx.merchants.list[0];
    if (!merchant) throw notFound(`Merchant ${body?.merchantId}`);
    if (!merchant.notificationUrl) {
      throw new ApiError(422, 'validation', 'The merchant has no notificationUrl to probe');
    }
    const allowedUrl = allowedNotificationUrl(ctx, merchant.notificationUrl);
    if (!allowedUrl) {
      throw new ApiError(422, 'validation', "The merchant's notificationUrl is not a loopback host", [
        {
          name: 'notificationUrl',
          code: 'wrong_value',
          message: 'not a loopback host; set SANDBOX_ALLOW_ANY_NOTIFICATION_HOST=1 to allow it',
        },
      ]);
    }
    const probe = {
      id: MONITORING_PROBE_ORDER_ID,
      description: 'Monitoring',
      currencyId: 'RUB',
      amount: 0,
      vatAmount: 0,
      basketItems: [],
      merchantId: merchant.merchantId,
      status: 'completed',
      subtype: 'order',
      createdAt: atomNow(),
      merchantOrderId: '',
      languageId: 'ru',
      processable: true,
    };
    const delivery = ctx.notifier.send(
      {
        orderId: MONITORING_PROBE_ORDER_ID,
        merchantId: merchant.merchantId,
        event: 'probe',
        url: allowedUrl,
        body: serializeInvoiceboxJson(probe),
        key: merchant.notificationKey,
        algorithm: merchant.signatureAlgorithm,
      },
      false,
    );
    return answer(request, reply, { delivery });
  });

  app.get('/_sandbox/deliveries', async (request) => {
    const { orderId } = request.query as { orderId?: unknown };
    const deliveries =
      typeof orderId === 'string' && orderId ? deliveriesOf(orderId) : [...store.data.deliveries];
    return { deliveries };
  });

  app.get('/_sandbox/settings', async () => store.data.settings);

  app.put('/_sandbox/settings', async (request) => {
    const body = parse(settingsBody, request.body ?? {});
    Object.assign(store.data.settings.notifications, body.notifications ?? {});
    store.changed();
    return store.data.settings;
  });

  // The dashboard's settings form (HTML forms cannot PUT): flat `mode` and `dropRate` fields.
  app.post('/_sandbox/settings', async (request, reply) => {
    const form = (request.body ?? {}) as Record<string, unknown>;
    const notifications = {
      ...(form.mode ? { mode: form.mode } : {}),
      ...(form.dropRate !== undefined && form.dropRate !== '' ? { dropRate: Number(form.dropRate) } : {}),
    };
    const body = parse(settingsBody, { notifications });
    Object.assign(store.data.settings.notifications, body.notifications ?? {});
    store.changed();
    return answer(request, reply, store.data.settings);
  });

  app.post('/_sandbox/reset', async (request, reply) => {
    store.reset();
    ctx.merchants.reset();
    limiter.reset();
    ctx.notifier.reset();
    return answer(request, reply, { ok: true });
  });
}
