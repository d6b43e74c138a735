import { createHash, timingSafeEqual } from 'node:crypto';
import { InvoiceboxResponseError } from '@checkout/invoicebox';
import { initTRPC, TRPCError } from '@trpc/server';
import { ZodError } from 'zod';
import type { Deps } from '../deps.js';
import {
  BadGateway,
  Conflict,
  type DomainError,
  FieldErrors,
  InvalidState,
  InvoiceboxRefused,
  InvoiceboxUnavailable,
  NotFound,
  RateLimited,
} from '../errors.js';
import { isDatabaseUnavailable } from '../lib/safe-error.js';
import { InvoiceboxBudgetError } from '../limits/budget.js';
import type { StaffLoginGuard } from '../limits/rate-limits.js';
import type { Logger } from '../logger.js';

export type Context = Deps & {
  /** The request's child logger (carries the request id). */
  log: Logger;
  authorization: string | undefined;
  /** Failed-login throttle of the HTTP request's address; absent for in-process callers. */
  staffLogin?: StaffLoginGuard;
};

const INTERNAL_MESSAGE = 'Something went wrong on our side; please retry in a minute.';

const t = initTRPC.context<Context>().create({
  // Never a stack in an answer: tRPC would add data.stack whenever NODE_ENV is not 'production'.
  isDev: false,
  errorFormatter({ shape, error }) {
    // Also covers errors raised before any procedure ran (parse errors quote the input).
    if (error.code === 'INTERNAL_SERVER_ERROR') {
      return { ...shape, message: INTERNAL_MESSAGE, data: { ...shape.data, stack: undefined } };
    }
    const cause = error.cause;
    if (cause instanceof ZodError) {
      // Field-level issues with their paths, so a client can mark the exact field.
      const issues = cause.issues.map((issue) => ({
        path: issue.path.map((part) => (typeof part === 'symbol' ? String(part) : part)),
        message: issue.message,
        ...('keys' in issue ? { keys: issue.keys } : {}),
      }));
      return { ...shape, data: { ...shape.data, issues } };
    }
    return cause instanceof FieldErrors ? { ...shape, data: { ...shape.data, fields: cause.fields } } : shape;
  },
});

export const router = t.router;

/** The one place a domain error gets its tRPC code (the storefront words its messages by these codes). */
const CODES = new Map<abstract new (...args: never[]) => DomainError, TRPCError['code']>([
  [NotFound, 'NOT_FOUND'],
  [InvalidState, 'PRECONDITION_FAILED'],
  [Conflict, 'CONFLICT'],
  [FieldErrors, 'BAD_REQUEST'],
  [InvoiceboxRefused, 'UNPROCESSABLE_CONTENT'],
  [InvoiceboxUnavailable, 'SERVICE_UNAVAILABLE'],
  [RateLimited, 'TOO_MANY_REQUESTS'],
  [BadGateway, 'BAD_GATEWAY'],
]);

const codeOf = (error: unknown) => {
  for (const [type, code] of CODES) if (error instanceof type) return code;
  return undefined;
};

const UNAVAILABLE = 'The shop is temporarily unavailable; please retry in a minute.';
const INTERNAL = INTERNAL_MESSAGE;

/**
 * Unexpected errors never reach a client as they are (drizzle's messages carry SQL and its parameters):
 * an unreachable database becomes SERVICE_UNAVAILABLE, anything else a generic INTERNAL_SERVER_ERROR.
 */
const hideInternals = t.middleware(async ({ next }) => {
  const result = await next();
  if (
    !result.ok &&
    result.error.code === 'INTERNAL_SERVER_ERROR' &&
    !(result.error.cause instanceof TRPCError)
  ) {
    const cause = result.error.cause ?? result.error;
    const code = codeOf(cause);
    if (code) throw new TRPCError({ code, message: (cause as Error).message, cause });
    if (cause instanceof InvoiceboxBudgetError) {
      throw new TRPCError({
        code: 'TOO_MANY_REQUESTS',
        message: `We are talking to Invoicebox as fast as it allows; please retry in ${Math.ceil(cause.retryInMs / 1000)} s.`,
        cause,
      });
    }
    if (cause instanceof InvoiceboxResponseError) {
      // Invoicebox answered in a shape we cannot read: say where, so staff can report it; nothing was changed.
      throw new TRPCError({
        code: 'BAD_GATEWAY',
        message: `Invoicebox answered in a shape we cannot read: ${cause.issues[0]?.field ?? 'the body'}: ${cause.issues[0]?.message ?? 'unexpected'}. Nothing was changed; please retry later.`,
        cause,
      });
    }
    if (isDatabaseUnavailable(cause))
      throw new TRPCError({ code: 'SERVICE_UNAVAILABLE', message: UNAVAILABLE, cause });
    if (result.error.message !== INTERNAL)
      throw new TRPCError({ code: 'INTERNAL_SERVER_ERROR', message: INTERNAL, cause });
  }
  return result;
});

export const publicProcedure = t.procedure.use(hideInternals);
export const createCallerFactory = t.createCallerFactory;

const digest = (value: string) => createHash('sha256').update(value).digest();

/** Constant-time: both sides are hashed to equal length first. */
export function isAdminAuthorization(header: string | undefined, adminToken: string): boolean {
  const match = /^Bearer\s+(.+)$/i.exec(header?.trim() ?? '');
  if (!match?.[1]) return false;
  return timingSafeEqual(digest(match[1]), digest(adminToken));
}

/**
 * A throttled address is refused before its token is even compared (otherwise the throttle would still answer
 * "right" or "wrong" to a guesser); only a wrong token counts, so staff who sign in correctly are never slowed.
 */
export const adminProcedure = publicProcedure.use(async ({ ctx, next }) => {
  const blockedMs = (await ctx.staffLogin?.blockedForMs()) ?? 0;
  if (blockedMs > 0) {
    ctx.onLimitRejected?.({ kind: 'staff_login' });
    throw new TRPCError({
      code: 'TOO_MANY_REQUESTS',
      message: `Too many failed staff sign-ins from this address; try again in ${Math.ceil(blockedMs / 1000)} s.`,
    });
  }
  if (!isAdminAuthorization(ctx.authorization, ctx.config.adminToken)) {
    await ctx.staffLogin?.failed();
    throw new TRPCError({
      code: 'UNAUTHORIZED',
      message: 'Staff access needs Authorization: Bearer <ADMIN_TOKEN>',
    });
  }
  return next();
});
