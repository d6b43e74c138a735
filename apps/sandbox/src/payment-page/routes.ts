import { randomUUID } from 'node:crypto';
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { SandboxContext } from '../context.js';
import { declineOrder, issueInvoice, payOrder, refreshExpiry } from '../domain/order-lifecycle.js';
import type { Customer } from '../protocol/customer.js';
import { CONFIRMATION_CODE, cardBehaviour, cardLast4 } from '../test-cards.js';
import type { OrderRecord } from '../types.js';
import { customerValues, type FormErrors, lockedFields } from './form-values.js';
import { texts } from './i18n.js';
import { PendingConfirmations } from './pending-confirmations.js';
import { renderPaymentForm } from './render-form.js';
import {
  type OrderState,
  renderConfirmation,
  renderInvoice,
  renderNotFound,
  renderState,
} from './render-pages.js';
import { readForm, toCustomer, validateCard, validateCustomer } from './validate-form.js';

type ContainerParams = { Params: { containerId: string } };

const HTML = 'text/html; charset=utf-8';

/** Form fields as strings; anything else a client might post (JSON numbers, arrays) is ignored. */
function formBody(body: unknown): Record<string, string> {
  if (!body || typeof body !== 'object') return {};
  return Object.fromEntries(
    Object.entries(body).filter((e): e is [string, string] => typeof e[1] === 'string'),
  );
}

export function paymentPageRoutes(app: FastifyInstance, ctx: SandboxContext) {
  // Confirmation-code payments waiting for the code; bounded and short-lived, so memory is enough.
  const pending = new PendingConfirmations();

  /** The payable order of a container: the newest unpaid one, else the newest. */
  function find(containerId: string): OrderRecord | undefined {
    const records = ctx.store.ordersInContainer(containerId).map((r) => refreshExpiry(ctx, r));
    return records.filter((r) => r.order.status === 'created').at(-1) ?? records.at(-1);
  }

  const notFound = (reply: FastifyReply) =>
    reply
      .code(404)
      .type(HTML)
      .send(renderNotFound(texts('ru')));

  const merchantOf = (record: OrderRecord) => ctx.merchants.byId(record.order.merchantId);

  function showState(reply: FastifyReply, record: OrderRecord, state: OrderState, status = 200) {
    const t = texts(record.order.languageId);
    return reply
      .code(status)
      .type(HTML)
      .send(renderState(record.order, merchantOf(record), t, state));
  }

  function stateOf(record: OrderRecord): OrderState | undefined {
    const { status } = record.order;
    if (status === 'completed' || status === 'hold') return 'paid';
    if (status === 'canceled' || status === 'expired') return status;
    return undefined;
  }

  /** After paying: 303 to successUrl / failUrl, or our own result page when the shop gave none. */
  function finish(reply: FastifyReply, record: OrderRecord, paid: boolean) {
    const target = paid ? record.order.successUrl : record.order.failUrl;
    if (typeof target === 'string' && target) return reply.redirect(target, 303);
    const result = paid ? 'paid' : 'declined';
    return reply.redirect(
      `/order/${encodeURIComponent(record.order.orderContainerId)}/result?state=${result}`,
      303,
    );
  }

  function pay(record: OrderRecord, customer: Customer, last4: string) {
    record.order.customer = customer;
    payOrder(ctx, record, { method: 'card', cardLast4: last4 });
  }

  function decline(record: OrderRecord, customer: Customer, last4: string) {
    record.order.customer = customer;
    declineOrder(ctx, record, { method: 'card', cardLast4: last4 });
  }

  app.get<ContainerParams>('/order/:containerId', async (request, reply) => {
    const record = find(request.params.containerId);
    if (!record) return notFound(reply);
    const state = stateOf(record);
    if (state) return showState(reply, record, state);
    const t = texts(record.order.languageId);
    return reply
      .type(HTML)
      .send(renderPaymentForm(record.order, merchantOf(record), t, customerValues(record.order)));
  });

  app.get<ContainerParams & { Querystring: { state?: string } }>(
    '/order/:containerId/result',
    async (request, reply) => {
      const record = find(request.params.containerId);
      if (!record) return notFound(reply);
      const state = stateOf(record) ?? (request.query.state === 'declined' ? 'declined' : undefined);
      if (!state) return reply.redirect(`/order/${encodeURIComponent(record.order.orderContainerId)}`, 303);
      return showState(reply, record, state);
    },
  );

  app.post<ContainerParams>('/order/:containerId/pay', async (request, reply) => {
    const record = find(request.params.containerId);
    if (!record) return notFound(reply);
    const state = stateOf(record);
    if (state) return showState(reply, record, state, 409);
    const t = texts(record.order.languageId);
    const body = formBody(request.body);
    const values = readForm(record.order, body);
    const invoice = body.action === 'invoice';
    const errors: FormErrors = {
      ...validateCustomer(values, t, invoice),
      ...(invoice ? {} : validateCard(values, t)),
    };
    // Locked details come from the shop; the shopper cannot fix them, so they are not the shopper's errors.
    for (const field of lockedFields(record.order)) if (field !== 'type') delete errors[field];
    if (Object.keys(errors).length > 0) {
      const html = renderPaymentForm(record.order, merchantOf(record), t, values, errors);
      return reply.code(422).type(HTML).send(html);
    }
    const customer = toCustomer(values);
    if (invoice) {
      record.order.customer = customer;
      issueInvoice(ctx, record);
      return reply.type(HTML).send(renderInvoice(record.order, merchantOf(record), t));
    }
    const card = values.cardNumber ?? '';
    const behaviour = cardBehaviour(card);
    if (behaviour === 'confirmation') {
      const id = randomUUID();
      pending.add(id, { orderId: record.order.id, customer, last4: cardLast4(card) });
      return reply.type(HTML).send(renderConfirmation(record.order, t, id));
    }
    if (behaviour === 'success') pay(record, customer, cardLast4(card));
    else decline(record, customer, cardLast4(card));
    return finish(reply, record, behaviour === 'success');
  });

  app.post<ContainerParams>('/order/:containerId/confirm', async (request, reply) => {
    const body = formBody(request.body);
    const waiting = pending.get(body.pending ?? '');
    const record = waiting ? ctx.store.order(waiting.orderId) : find(request.params.containerId);
    if (!record) return notFound(reply);
    refreshExpiry(ctx, record);
    const state = stateOf(record);
    if (state) return showState(reply, record, state, 409);
    if (!waiting || record.order.orderContainerId !== request.params.containerId) {
      return reply.redirect(`/order/${encodeURIComponent(request.params.containerId)}`, 303);
    }
    pending.delete(body.pending ?? '');
    const ok = (body.code ?? '').trim() === CONFIRMATION_CODE;
    if (ok) pay(record, waiting.customer, waiting.last4);
    else decline(record, waiting.customer, waiting.last4);
    return finish(reply, record, ok);
  });
}
