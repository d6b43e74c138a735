/** Long digit runs (card, phone, INN-like) never reach the logs, whatever an error message quotes. */
export const maskDigits = (text: string) => text.replace(/\d[\d\s-]{8,}\d/g, '[digits]');

type ErrorLike = { name?: unknown; message?: unknown; code?: unknown; cause?: unknown };

/**
 * An error as it may be logged: drizzle appends the SQL parameters (customer data) after "params:", and parse
 * errors quote the input they choke on, so messages are cut and masked; no stack of foreign input.
 */
export function safeError(error: unknown, depth = 0): Record<string, unknown> {
  if (typeof error !== 'object' || error === null)
    return { message: maskDigits(String(error)).slice(0, 300) };
  const e = error as ErrorLike;
  const message = maskDigits(String(e.message ?? '').replace(/\nparams:[\s\S]*$/, '')).slice(0, 500);
  return {
    type: typeof e.name === 'string' ? e.name : undefined,
    ...(typeof e.code === 'string' || typeof e.code === 'number' ? { code: e.code } : {}),
    message,
    ...(e.cause && depth < 2 ? { cause: safeError(e.cause, depth + 1) } : {}),
  };
}

const UNREACHABLE_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'CONNECTION_CLOSED',
  'CONNECTION_ENDED',
  'CONNECTION_DESTROYED',
  'CONNECT_TIMEOUT',
  '57P01', // admin_shutdown
  '57P02', // crash_shutdown
  '57P03', // cannot_connect_now
]);

/** True when the error (or its cause) says the database cannot be reached right now. */
export function isDatabaseUnavailable(error: unknown, depth = 0): boolean {
  if (typeof error !== 'object' || error === null || depth > 3) return false;
  const e = error as ErrorLike & { errno?: unknown };
  if (typeof e.code === 'string' && UNREACHABLE_CODES.has(e.code)) return true;
  if (typeof e.message === 'string' && /PGlite is closed|database is closed/i.test(e.message)) return true;
  return isDatabaseUnavailable(e.cause, depth + 1);
}
