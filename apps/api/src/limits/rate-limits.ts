import rateLimit, { normalizeIP } from '@fastify/rate-limit';
import { TRPC_ERROR_CODES_BY_KEY } from '@trpc/server/rpc';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Redis } from 'ioredis';
import type { LimitsConfig } from './config.js';
import type { OnLimitRejected, RateGroup } from './events.js';

/** Failed staff logins from one address: checked before the token, counted after a wrong one. */
export type StaffLoginGuard = {
  /** Milliseconds until this address may try again; 0 = not throttled. */
  blockedForMs(): Promise<number>;
  failed(): Promise<void>;
};

export type RateLimits = {
  /** onRequest hook for the tRPC routes: every public call in a (batched) request counts against its group. */
  publicProcedures(request: FastifyRequest, reply: FastifyReply): Promise<FastifyReply | undefined>;
  staffLogin(request: FastifyRequest): StaffLoginGuard;
};

/** Admin procedures are left to the failed-login throttle: staff with the token are never rate limited. */
function groupOf(path: string): RateGroup | null {
  if (path.startsWith('admin.')) return null;
  if (path === 'orders.create') return 'checkout';
  if (path === 'orders.requestRefund') return 'refund_request';
  // Counted at the door like the rest, so answers from the lookup cache count too: what one address may ask must
  // not depend on what others asked before (an uncounted cache would also let it probe which INNs were looked
  // up here by timing), and a refused flood costs no work at all. One checkout needs a handful of lookups.
  if (path === 'companies.byInn') return 'company_lookup';
  return 'read';
}

const GROUP_NAMES: Record<RateGroup, string> = {
  checkout: 'checkouts',
  refund_request: 'refund requests',
  read: 'requests',
  company_lookup: 'company lookups',
};

/** The answer tRPC itself would give for TOO_MANY_REQUESTS: one error per call of a batch. */
function tooManyBody(paths: string[], batch: boolean, message: string) {
  const error = (path: string) => ({
    error: {
      message,
      code: TRPC_ERROR_CODES_BY_KEY.TOO_MANY_REQUESTS,
      data: { code: 'TOO_MANY_REQUESTS', httpStatus: 429, path },
    },
  });
  return batch ? paths.map(error) : error(paths[0] ?? '');
}

/**
 * Per-IP limits through @fastify/rate-limit: kept in Redis when there is one (replicas share the counts), else
 * in memory. The client address is request.ip, which honours X-Forwarded-For only when TRUST_PROXY is set.
 * A store failure lets requests through (skipOnError): Redis trouble must not take the shop down.
 */
export async function registerRateLimits(
  app: FastifyInstance,
  limits: LimitsConfig,
  redis: Redis | undefined,
  onRejected: OnLimitRejected,
): Promise<RateLimits> {
  await app.register(rateLimit, {
    global: false,
    skipOnError: true,
    ...(redis ? { redis, nameSpace: `${limits.redisKeyPrefix}rate:` } : {}),
  });
  const ip = (request: FastifyRequest) => normalizeIP(request.ip);
  const { windowMs } = limits.rateLimit;
  const checkers: Record<RateGroup, { max: number; windowMs: number }> = {
    checkout: { max: limits.rateLimit.checkout, windowMs },
    refund_request: { max: limits.rateLimit.refundRequest, windowMs },
    read: { max: limits.rateLimit.read, windowMs },
    company_lookup: { max: limits.companyLookup.perIp, windowMs: limits.companyLookup.windowMs },
  };
  const check = Object.fromEntries(
    Object.entries(checkers).map(([group, limit]) => [
      group,
      app.createRateLimit({
        max: limit.max,
        timeWindow: limit.windowMs,
        keyGenerator: (request) => `${group}:${ip(request)}`,
      }),
    ]),
  ) as Record<RateGroup, ReturnType<FastifyInstance['createRateLimit']>>;
  const loginCheck = app.createRateLimit({
    max: limits.staffLogin.maxFailures,
    timeWindow: limits.staffLogin.windowMs,
    keyGenerator: (request) => `staff-login:${ip(request)}`,
  });

  return {
    async publicProcedures(request, reply) {
      const param = (request.params as { path?: string } | undefined)?.path ?? '';
      const all = param.split(',');
      // An oversized batch is refused by tRPC anyway: count it once instead of paying a store call per path.
      const paths = all.length > limits.maxBatchSize ? all.slice(0, 1) : all;
      const groups = paths.map(groupOf).filter((group): group is RateGroup => group !== null);
      if (groups.length === 0) return undefined;
      const results = await Promise.all(groups.map((group) => check[group](request)));
      const index = results.findIndex((result) => !result.isAllowed && result.isExceeded);
      const over = results[index];
      if (!over || over.isAllowed) return undefined;
      const group = groups[index]!;
      onRejected({ kind: 'rate_limit', group });
      request.log.info({ group, ip: request.ip }, 'rate limit reached');
      const message = `Too many ${GROUP_NAMES[group]} from your address: at most ${over.max} per ${Math.round(checkers[group].windowMs / 1000)} s. Try again in ${over.ttlInSeconds} s.`;
      const batch = (request.query as { batch?: string } | undefined)?.batch === '1';
      return reply
        .code(429)
        .header('retry-after', String(over.ttlInSeconds))
        .header('content-type', 'application/json')
        .send(tooManyBody(all, batch, message));
    },
    staffLogin(request) {
      return {
        async blockedForMs() {
          const state = await loginCheck(request, { increment: false });
          return !state.isAllowed && state.remaining === 0 ? Math.max(1, state.ttl) : 0;
        },
        async failed() {
          await loginCheck(request);
        },
      };
    },
  };
}
