import { randomUUID } from 'node:crypto';
import { type SQL, sql } from 'drizzle-orm';
import type { Deps } from '../deps.js';
import { runPrepared } from '../lib/prepared.js';
import { basketFromLines } from './basket-from-lines.js';
import type { CustomerInput } from './inputs.js';
import type { OrderForRequest } from './invoicebox-request.js';
import type { PricedLine } from './price-from-catalog.js';

export type SavedOrder = OrderForRequest & { amount: number; lines: PricedLine[] };

type SaveArgs = { idempotencyKey: string; customer: CustomerInput; lines: PricedLine[]; placingUntil: Date };

/**
 * The order `pending` and its lines (priced as `basket`) as ONE statement, already holding the placing lease and with
 * createAttempts = 1 (counted before the call: a crash right after it must make the next attempt look the order
 * up first). It returns the order's number, or no row when a twin request with the same idempotency key saved first.
 */
export function saveOrderStatement(
  order: SaveArgs & { id: string; expiresAt: Date; basket: ReturnType<typeof basketFromLines> },
): SQL {
  const { customer, id, expiresAt, basket } = order;
  const lines = JSON.stringify(
    order.lines.map((line, index) => {
      const built = basket.lines[index]!;
      return {
        position: line.position,
        sku: line.sku,
        name: line.name,
        quantity: line.quantity,
        unit_price: line.unitPrice,
        total: built.totalAmount,
        vat_code: line.vatCode,
        vat_amount: built.totalVatAmount,
        measure: line.measure,
        measure_code: line.measureCode,
        item_type: line.itemType,
        payment_type: line.paymentType,
      };
    }),
  );
  return sql`
      WITH saved AS (
        INSERT INTO orders (id, status, customer_type, customer_name, customer_email, customer_phone,
          customer_vat_number, customer_kpp, customer_registration_address, amount, vat_amount, currency,
          idempotency_key, expires_at, placing_until, create_attempts)
        VALUES (${id}::uuid, 'pending', ${customer.type}, ${customer.name}, ${customer.email}, ${customer.phone},
          ${customer.vatNumber ?? null}, ${customer.kpp ?? null}, ${customer.registrationAddress ?? null},
          ${basket.amount}::int, ${basket.vatAmount}::int, 'RUB', ${order.idempotencyKey},
          ${expiresAt.toISOString()}::timestamptz, ${order.placingUntil.toISOString()}::timestamptz, 1)
        ON CONFLICT (idempotency_key) DO NOTHING
        RETURNING id, number
      ), lines AS (
        INSERT INTO order_lines (order_id, position, sku, name, quantity, unit_price, total, vat_code, vat_amount,
          measure, measure_code, item_type, payment_type)
        SELECT saved.id, l.position, l.sku, l.name, l.quantity, l.unit_price, l.total, l.vat_code, l.vat_amount,
          l.measure, l.measure_code, l.item_type, l.payment_type
        FROM saved, jsonb_to_recordset(${lines}::jsonb) AS l(position int, sku text, name text, quantity int,
          unit_price int, total int, vat_code text, vat_amount int, measure text, measure_code text,
          item_type text, payment_type text)
      )
      SELECT number FROM saved`;
}

/** Saves the order (saveOrderStatement); undefined when a twin request with the same idempotency key saved first. */
export async function saveOrder(deps: Deps, args: SaveArgs): Promise<SavedOrder | undefined> {
  const id = randomUUID();
  const expiresAt = new Date(Date.now() + deps.config.orderTtlMs);
  const basket = basketFromLines(args.lines);
  const [row] = await runPrepared<{ number: number }>(
    deps.db,
    'save_order',
    saveOrderStatement({ ...args, id, expiresAt, basket }),
  );
  if (!row) return undefined;
  const { customer } = args;
  return {
    id,
    number: row.number,
    customerType: customer.type,
    customerName: customer.name,
    customerEmail: customer.email,
    customerPhone: customer.phone,
    customerVatNumber: customer.vatNumber ?? null,
    customerKpp: customer.kpp ?? null,
    customerRegistrationAddress: customer.registrationAddress ?? null,
    expiresAt,
    amount: basket.amount,
    lines: args.lines,
  };
}
