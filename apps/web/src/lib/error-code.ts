// What an API failure is, without the shopper-facing wording: the catalog's first download needs only this.

export type ErrorData = {
  code?: string;
  httpStatus?: number;
  zodError?: unknown;
  issues?: unknown;
  fields?: unknown;
};

export const NETWORK_MESSAGE = 'Нет связи с магазином. Проверьте интернет и попробуйте ещё раз.';

export function errorData(error: unknown): ErrorData | null {
  if (typeof error !== 'object' || error === null || !('data' in error)) return null;
  const data = (error as { data?: unknown }).data;
  return typeof data === 'object' && data !== null ? (data as ErrorData) : null;
}

/** Network trouble and server hiccups may pass; a wrong id or token will not. */
export function isRetryableError(error: unknown): boolean {
  const code = errorData(error)?.code;
  return (
    !code ||
    code === 'INTERNAL_SERVER_ERROR' ||
    code === 'BAD_GATEWAY' ||
    code === 'SERVICE_UNAVAILABLE' ||
    code === 'TIMEOUT'
  );
}

/** After these the server surely did not create anything, so a fresh idempotency key is safe. */
export function isDefiniteRejection(error: unknown): boolean {
  const code = errorData(error)?.code;
  return (
    code === 'BAD_REQUEST' ||
    code === 'PARSE_ERROR' ||
    code === 'UNPROCESSABLE_CONTENT' ||
    code === 'NOT_FOUND'
  );
}
