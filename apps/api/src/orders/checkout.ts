import { InvoiceboxApiError } from '@checkout/invoicebox';
import { and, eq, isNull, lt, or, sql } from 'drizzle-orm';
import { orders } from '../db/schema.js';
import type { Deps } from '../deps.js';
import { FieldErrors, InvoiceboxRefused, InvoiceboxUnavailable, NotFound } from '../errors.js';
import { maskEmail } from '../lib/mask.js';
import { runPrepared } from '../lib/prepared.js';
import type { Logger } from '../logger.js';
import { adoptRemoteOrder, failCheckout } from './adopt-remote-order.js';
import type { CreateOrderInput } from './inputs.js';
import { createRemoteOrder, findRemoteOrder, type Refusal, unavailable } from './invoicebox-gateway.js';
import { buildCreateOrderRequest } from './invoicebox-request.js';
import { loadOrder, loadOrderLines, type OrderRow } from './load-order.js';
import { priceFromCatalog } from './price-from-catalog.js';
import { saveOrder } from './save-order.js';

export type CreatedOrder = { orderId: string; paymentUrl: string };

/** Longer than the client's timeout: a twin request waits this long at most. */
export const PLACING_LEASE_MS = 20_000;
const WAIT_FOR_TWIN_MS = 20_000;

/**
 * Checkout: prices come from our catalog, the order is saved (`pending`, holding the placing lease) before
 * Invoicebox is called, and one idempotencyKey always leads to one order (a double click or a retried request
 * returns the same one).
 */
export async function checkout(deps: Deps, input: CreateOrderInput, log: Logger): Promise<CreatedOrder> {
  const lines = await priceFromCatalog(deps, input).catch(async (error: unknown) => {
    // A retry returns the order its key already made, whatever the catalog says now.
    if (error instanceof FieldErrors && (await findByKey(deps, input.idempotencyKey))) return undefined;
    throw error;
  });
  if (!lines) return resume(deps, input.idempotencyKey, log);
  // A retry of a saved order goes the same way: the insert finds its key taken and resumes that order.
  const saved = await saveOrder(deps, {
    idempotencyKey: input.idempotencyKey,
    customer: input.customer,
    lines,
    placingUntil: new Date(Date.now() + PLACING_LEASE_MS),
  });
  // A twin request with the same key won the race: continue with its order.
  if (!saved) return resume(deps, input.idempotencyKey, log);
  log.info(
    {
      orderId: saved.id,
      amount: saved.amount,
      lines: saved.lines.length,
      payer: maskEmail(saved.customerEmail),
    },
    'order saved',
  );
  // Just saved (with createAttempts = 1): known never to have been sent, so no lookup first.
  return holdingLease(deps, saved.id, () =>
    send(deps, saved.id, buildCreateOrderRequest(deps.config, saved, saved.lines), log),
  );
}

async function findByKey(deps: Deps, key: string): Promise<OrderRow | undefined> {
  const [row] = await deps.db.select().from(orders).where(eq(orders.idempotencyKey, key));
  return row;
}

/** The key's order: its answer when it has one, else wait for the twin holding the lease, or take over. */
async function resume(deps: Deps, key: string, log: Logger): Promise<CreatedOrder> {
  const deadline = Date.now() + WAIT_FOR_TWIN_MS;
  for (let current = await findByKey(deps, key); current; current = await findByKey(deps, key)) {
    if (current.status === 'failed') {
      throw new InvoiceboxRefused(
        `This checkout attempt failed earlier (${current.failureReason ?? 'refused by Invoicebox'}); start a new one.`,
      );
    }
    if (current.status !== 'pending') return { orderId: current.id, paymentUrl: current.paymentUrl ?? '' };
    // Pending: either a twin request is talking to Invoicebox right now (wait for it), or an earlier attempt
    // ended without an answer (take over, looking the order up before creating it again).
    const orderId = current.id;
    if (await claimPlacing(deps, orderId))
      return holdingLease(deps, orderId, () => retry(deps, orderId, log));
    if (Date.now() > deadline) break;
    await new Promise((resolve) => setTimeout(resolve, 150));
  }
  throw new InvoiceboxUnavailable('The order is still being created; try again shortly.');
}

/** Takes the right to talk to Invoicebox about this pending order; false while another request holds it. */
export async function claimPlacing(deps: Deps, orderId: string): Promise<boolean> {
  const claimed = await deps.db
    .update(orders)
    .set({ placingUntil: new Date(Date.now() + PLACING_LEASE_MS) })
    .where(
      and(
        eq(orders.id, orderId),
        eq(orders.status, 'pending'),
        or(isNull(orders.placingUntil), lt(orders.placingUntil, new Date())),
      ),
    )
    .returning({ id: orders.id });
  return claimed.length > 0;
}

/** Adopting the Invoicebox order releases the lease in the same UPDATE; every other ending releases it here. */
async function holdingLease(
  deps: Deps,
  orderId: string,
  place: () => Promise<CreatedOrder>,
): Promise<CreatedOrder> {
  try {
    return await place();
  } catch (error) {
    await runPrepared(
      deps.db,
      'release_placing',
      sql`UPDATE orders SET placing_until = NULL WHERE id = ${orderId}::uuid`,
    ).catch(() => {});
    throw error;
  }
}

/** A later attempt: never blindly repeat a write whose outcome may be unknown; look the order up first. */
async function retry(deps: Deps, orderId: string, log: Logger): Promise<CreatedOrder> {
  const order = await loadOrder(deps.db, orderId);
  if (!order) throw new NotFound(`order ${orderId} not found`);
  if (order.createAttempts > 0) {
    const found = await findRemoteOrder(deps, orderId, 'checkout').catch((error: unknown) => {
      throw unavailable(error);
    });
    if (found) return adoptRemoteOrder(deps, orderId, found, log);
  }
  const request = buildCreateOrderRequest(deps.config, order, await loadOrderLines(deps.db, orderId));
  await deps.db
    .update(orders)
    .set({ createAttempts: sql`${orders.createAttempts} + 1` })
    .where(eq(orders.id, orderId));
  return send(deps, orderId, request, log);
}

async function send(
  deps: Deps,
  orderId: string,
  request: Parameters<typeof createRemoteOrder>[1],
  log: Logger,
): Promise<CreatedOrder> {
  const outcome = await createRemoteOrder(deps, request, log);
  if ('remote' in outcome) return adoptRemoteOrder(deps, orderId, outcome.remote, log);
  return failOrder(deps, orderId, outcome.refusal, log);
}

async function failOrder(deps: Deps, orderId: string, error: Refusal, log: Logger): Promise<never> {
  const fields = error instanceof InvoiceboxApiError ? (error.fields ?? []) : [];
  const detail = [
    `${error.code ?? 'error'}: ${error.message}`,
    ...fields.map((field) => `${field.name}: ${field.message || field.code}`),
  ].join('; ');
  await failCheckout(deps, orderId, `Invoicebox refused: ${detail}`, { failureReason: detail }, log);
  log.warn(
    { orderId, invoiceboxRequestId: error.requestId, code: error.code },
    'Invoicebox refused the order',
  );
  // Our credentials were refused: the shopper can do nothing about it (the edge answers a generic 500).
  if (!(error instanceof InvoiceboxApiError)) throw error;
  throw new InvoiceboxRefused(`Invoicebox refused the order (${detail})`, { cause: error });
}
