import type { z } from 'zod';
import { assertValidBasket } from '../basket/validate-basket.js';
import type { BasketItem } from '../schemas/basket-item.js';
import { InvoiceboxRequestError } from './errors.js';
import { fieldIssues } from './field-path.js';

/** Strict schema check of a request body before anything is sent; issues name the field (`basketItems[0].sku`). */
export function validateRequest<T extends z.ZodType>(schema: T, body: unknown): z.infer<T> {
  const result = schema.safeParse(body);
  if (result.success) return result.data;
  throw new InvoiceboxRequestError(fieldIssues(result.error.issues));
}

/** `validateBaskets` client option: true = the server's documented checks, 'strict' = also VAT by rate. */
export type BasketValidation = boolean | 'strict';

/**
 * Local copy of Invoicebox's amount checks before a write, so a basket the server would refuse is never sent. The
 * default follows the server (including `orderSetting.roundPolicy` / `disableValidate`); 'strict' keeps the older,
 * stricter check, which skipped orders that asked for a relaxed rounding policy.
 */
export function checkBasketAmounts(
  body: {
    amount?: number;
    vatAmount?: number;
    basketItems?: BasketItem[];
    orderSetting?: { roundPolicy?: string; disableValidate?: boolean };
  },
  validation: BasketValidation,
): void {
  if (validation === false) return;
  if (body.amount === undefined || body.vatAmount === undefined || body.basketItems === undefined) return;
  const { orderSetting } = body;
  if (validation === 'strict') {
    const policy = orderSetting?.roundPolicy;
    if ((policy !== undefined && policy !== 'strict') || orderSetting?.disableValidate === true) return;
  }
  assertValidBasket(
    { amount: body.amount, vatAmount: body.vatAmount, basketItems: body.basketItems, orderSetting },
    { mode: validation === 'strict' ? 'strict' : 'server' },
  );
}
