import type { z } from 'zod';
import type { BasketIssue } from './domain/basket-checks.js';
import type { ErrorFieldJson, ErrorJson } from './protocol/responses.js';

export type ErrorField = ErrorFieldJson;

/** An answer in Invoicebox's error envelope: `{ error: { message, code, fields } }`. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly fields: ErrorField[] = [],
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }

  toJSON(): ErrorJson {
    return { error: { message: this.message, code: this.code, fields: this.fields } };
  }
}

export const notFound = (what: string) => new ApiError(404, 'not_found', `${what} not found`);

export const wrongOrderStatus = (status: string, action: string) =>
  new ApiError(422, 'wrong_order_status', `Cannot ${action} an order in status "${status}"`, [
    { name: 'status', code: 'wrong_value', message: `status is "${status}"` },
  ]);

/** `basketItems.0.amount` -> `basketItems[0].amount`, the spelling the basket checks use too. */
export function fieldPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const part of path) {
    if (typeof part === 'number') out += `[${part}]`;
    else out += out ? `.${String(part)}` : String(part);
  }
  return out || '(body)';
}

// Fields whose rejection Invoicebox reports with a dedicated code instead of the generic validation error.
const FIELD_CODES: Record<string, string> = {
  currencyId: 'wrong_currency',
  languageId: 'language_not_found',
  expirationDate: 'wrong_expiration_date',
};

export function validationError(error: z.ZodError): ApiError {
  const fields = error.issues.map((issue) => ({
    name: fieldPath(issue.path),
    code: 'wrong_value',
    message: issue.message,
  }));
  const special = fields.map((f) => FIELD_CODES[f.name]).find((code) => code !== undefined);
  const first = fields[0];
  const message = first ? `${first.name}: ${first.message}` : 'Validation error';
  return new ApiError(422, special ?? 'validation', message, fields);
}

/** Basket arithmetic problems: the first specific code becomes the error code (as in the docs' fixture). */
export function basketError(issues: BasketIssue[]): ApiError {
  const specific = issues.find((i) => i.code !== 'wrong_value');
  const code = specific?.code ?? 'validation';
  const fields = issues.map((i) => ({ name: i.field, code: 'wrong_value', message: i.message }));
  return new ApiError(422, code, `Calculation Error: ${(specific ?? issues[0])?.message ?? ''}`, fields);
}
