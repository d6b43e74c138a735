import type { z } from 'zod';
import { assertValidBasket } from '../basket/validate-basket.js';
import type { BasketItem } from '../schemas/basket-item.js';
import { InvoiceboxRequestError } from './errors.js';

function fieldPath(path: readonly PropertyKey[]): string {
  return path.reduce<string>((out, key) => {
    if (typeof key === 'number') return `${out}[${key}]`;
    return out ? `${out}.${String(key)}` : String(key);
  }, '');
}

/** Strict schema check of a request body before anything is sent; issues name the field (`basketItems[0].sku`). */
export function validateRequest<T extends z.ZodType>(schema: T, body: unknown): z.infer<T> {
  const result = schema.safeParse(body);
  if (result.success) return result.data;
  throw new InvoiceboxRequestError(
    result.error.issues.map((issue) => ({
      field: fieldPath(issue.path) || '(body)',
      message: issue.message,
    })),
  );
}

/** Local copy of Invoicebox's amount checks, skipped when the order asks for a relaxed rounding policy. */
export function checkBasketAmounts(body: {
  amount?: number;
  vatAmount?: number;
  basketItems?: BasketItem[];
  orderSetting?: { roundPolicy?: string };
}): void {
  const policy = body.orderSetting?.roundPolicy;
  if (policy !== undefined && policy !== 'strict') return;
  if (body.amount === undefined || body.vatAmount === undefined || body.basketItems === undefined) return;
  assertValidBasket({ amount: body.amount, vatAmount: body.vatAmount, basketItems: body.basketItems });
}
