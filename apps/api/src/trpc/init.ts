import { createHash, timingSafeEqual } from 'node:crypto';
import { initTRPC, TRPCError } from '@trpc/server';
import { ZodError } from 'zod';
import type { Deps } from '../deps.js';
import type { Logger } from '../logger.js';

export type Context = Deps & {
  /** The request's child logger (carries the request id). */
  log: Logger;
  authorization: string | undefined;
};

const t = initTRPC.context<Context>().create({
  errorFormatter({ shape, error }) {
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
    const fields = (error as { fields?: unknown }).fields;
    return fields ? { ...shape, data: { ...shape.data, fields } } : shape;
  },
});

export const router = t.router;
export const publicProcedure = t.procedure;
export const createCallerFactory = t.createCallerFactory;

const digest = (value: string) => createHash('sha256').update(value).digest();

/** Constant-time: both sides are hashed to equal length first. */
export function isAdminAuthorization(header: string | undefined, adminToken: string): boolean {
  const match = /^Bearer\s+(.+)$/i.exec(header?.trim() ?? '');
  if (!match?.[1]) return false;
  return timingSafeEqual(digest(match[1]), digest(adminToken));
}

export const adminProcedure = t.procedure.use(({ ctx, next }) => {
  if (!isAdminAuthorization(ctx.authorization, ctx.config.adminToken)) {
    throw new TRPCError({
      code: 'UNAUTHORIZED',
      message: 'Staff access needs Authorization: Bearer <ADMIN_TOKEN>',
    });
  }
  return next();
});

/** A TRPCError that also names the offending input fields (shown by the storefront next to them). */
export class FieldError extends TRPCError {
  readonly fields: { path: (string | number)[]; message: string }[];
  constructor(
    code: ConstructorParameters<typeof TRPCError>[0]['code'],
    message: string,
    fields: { path: (string | number)[]; message: string }[],
  ) {
    super({ code, message });
    this.fields = fields;
  }
}
