import { randomUUID } from 'node:crypto';
import { TRPCError } from '@trpc/server';
import { and, eq, inArray } from 'drizzle-orm';
import { orderLines, orders, products } from '../db/schema.js';
import type { Deps } from '../deps.js';
import { maskEmail } from '../lib/mask.js';
import type { Logger } from '../logger.js';
import { FieldError } from '../trpc/init.js';
import { basketFromLines } from './basket-from-lines.js';
import type { CreateOrderInput } from './inputs.js';
import type { OrderRow } from './load-order.js';
import { claimPlacing, PLACING_LEASE_MS, placeOrderAtInvoicebox } from './place-order.js';

export type CreatedOrder = { orderId: string; paymentUrl: string };

const WAIT_FOR_TWIN_MS = 20_000;

/**
 * Checkout: prices come from our catalog, the order is saved (`pending`) before Invoicebox is called, and one
 * idempotencyKey always leads to one order (a double click or a retried request returns the same one).
 */
export async function createOrder(deps: Deps, input: CreateOrderInput, log: Logger): Promise<CreatedOrder> {
  const existing = await findByKey(deps, input.idempotencyKey);
  if (existing) return resumeOrder(deps, existing, log);

  const skus = input.lines.map((line) => line.sku);
  const rows = await deps.db
    .select()
    .from(products)
    .where(and(inArray(products.sku, skus), eq(products.active, true)));
  const bySku = new Map(rows.map((row) => [row.sku, row]));
  const unknown = input.lines.flatMap((line, index) =>
    bySku.has(line.sku)
      ? []
      : [{ path: ['lines', index, 'sku'], message: `unknown product sku "${line.sku}"` }],
  );
  if (unknown.length > 0) {
    throw new FieldError(
      'BAD_REQUEST',
      unknown.map((f) => `${f.path.join('.')}: ${f.message}`).join('; '),
      unknown,
    );
  }

  const lines = input.lines.map((line, index) => {
    const product = bySku.get(line.sku)!;
    return {
      position: index,
      sku: product.sku,
      name: product.name,
      quantity: line.quantity,
      unitPrice: product.price,
      vatCode: product.vatCode,
      measure: product.measure,
      measureCode: product.measureCode,
      itemType: product.itemType,
      paymentType: product.paymentType,
    };
  });
  const basket = basketFromLines(lines);
  const orderId = randomUUID();
  const { customer } = input;

  const inserted = await deps.db.transaction(async (tx) => {
    const [row] = await tx
      .insert(orders)
      .values({
        id: orderId,
        status: 'pending',
        customerType: customer.type,
        customerName: customer.name,
        customerEmail: customer.email,
        customerPhone: customer.phone,
        customerVatNumber: customer.vatNumber ?? null,
        customerKpp: customer.kpp ?? null,
        customerRegistrationAddress: customer.registrationAddress ?? null,
        amount: basket.amount,
        vatAmount: basket.vatAmount,
        currency: 'RUB',
        idempotencyKey: input.idempotencyKey,
        expiresAt: new Date(Date.now() + deps.config.orderTtlMs),
        placingUntil: new Date(Date.now() + PLACING_LEASE_MS),
        // Counted before the call: a crash right after it must make the next attempt look the order up first.
        createAttempts: 1,
      })
      .onConflictDoNothing({ target: orders.idempotencyKey })
      .returning();
    if (!row) return undefined;
    const saved = await tx
      .insert(orderLines)
      .values(
        lines.map((line, index) => {
          const built = basket.lines[index]!;
          return { ...line, orderId, total: built.totalAmount, vatAmount: built.totalVatAmount };
        }),
      )
      .returning();
    return { order: row, lines: saved };
  });
  if (!inserted) {
    // A twin request with the same key won the race: continue with its order.
    const twin = await findByKey(deps, input.idempotencyKey);
    if (!twin) throw new Error('idempotency key conflict without an order');
    return resumeOrder(deps, twin, log);
  }
  log.info(
    { orderId, amount: basket.amount, lines: lines.length, payer: maskEmail(customer.email) },
    'order saved',
  );
  return placeOrderAtInvoicebox(deps, orderId, log, inserted);
}

async function findByKey(deps: Deps, key: string): Promise<OrderRow | undefined> {
  const [row] = await deps.db.select().from(orders).where(eq(orders.idempotencyKey, key));
  return row;
}

async function resumeOrder(deps: Deps, order: OrderRow, log: Logger): Promise<CreatedOrder> {
  const deadline = Date.now() + WAIT_FOR_TWIN_MS;
  for (
    let current: OrderRow | undefined = order;
    current;
    current = await findByKey(deps, order.idempotencyKey)
  ) {
    if (current.status === 'failed') {
      throw new TRPCError({
        code: 'UNPROCESSABLE_CONTENT',
        message: `This checkout attempt failed earlier (${current.failureReason ?? 'refused by Invoicebox'}); start a new one.`,
      });
    }
    if (current.status !== 'pending') return { orderId: current.id, paymentUrl: current.paymentUrl ?? '' };
    // Pending: either a twin request is talking to Invoicebox right now (wait for it), or an earlier attempt
    // ended without an answer (take over; placeOrderAtInvoicebox looks the order up before creating it again).
    if (await claimPlacing(deps, current.id)) return placeOrderAtInvoicebox(deps, current.id, log);
    if (Date.now() > deadline) break;
    await new Promise((resolve) => setTimeout(resolve, 150));
  }
  throw new TRPCError({
    code: 'SERVICE_UNAVAILABLE',
    message: 'The order is still being created; try again shortly.',
  });
}
