// What kind of failure the API (or the network) gave, without the wording: all the first download needs.

export type ErrorData = {
  code?: string;
  httpStatus?: number;
  zodError?: unknown;
  issues?: unknown;
  fields?: unknown;
};

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
