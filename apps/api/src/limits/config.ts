import { z } from 'zod';
import { parseEnv } from '../lib/parse-env.js';

const count = (fallback: number) =>
  z.coerce.number({ error: 'must be a number' }).int('must be a whole number').min(1).default(fallback);
const ms = (fallback: number) =>
  z.coerce.number({ error: 'must be milliseconds' }).int('must be a whole number').min(1).default(fallback);

/**
 * TRUST_PROXY: unset/false = the TCP peer is the client; true = trust every proxy (only behind a load balancer
 * that overwrites X-Forwarded-For); a number = trust that many hops; otherwise a comma-separated list of proxy
 * addresses/CIDRs. Without it X-Forwarded-For is ignored, so clients cannot pick their own rate-limit key.
 */
const trustProxy = z
  .string()
  .trim()
  .optional()
  .transform((value): boolean | number | string[] => {
    if (value === undefined || value === '' || value === 'false') return false;
    if (value === 'true') return true;
    if (/^\d+$/.test(value)) return Number(value);
    return value.split(',').map((part) => part.trim());
  });

const limitsSchema = z.object({
  /** Shared store for rate limits, failed staff logins and the Invoicebox budget; unset = in-process memory. */
  REDIS_URL: z
    .string()
    .regex(/^rediss?:\/\//, 'must start with redis:// or rediss://')
    .optional(),
  /** Prefix of every Redis key we write (several deployments may share one Redis). */
  REDIS_KEY_PREFIX: z.string().min(1).default('checkout:'),
  TRUST_PROXY: trustProxy,
  /** Per-IP limits on public procedures, each a count per RATE_LIMIT_WINDOW_MS; every call in a batch counts. */
  RATE_LIMIT_WINDOW_MS: ms(60_000),
  RATE_LIMIT_CHECKOUT: count(10),
  RATE_LIMIT_REFUND_REQUEST: count(5),
  RATE_LIMIT_READ: count(120),
  TRPC_MAX_BATCH_SIZE: count(10),
  TRPC_BODY_LIMIT_BYTES: count(64 * 1024),
  /** orders.sync answers from the database when the order was checked with Invoicebox this recently. */
  SYNC_FRESH_MS: z.coerce.number({ error: 'must be milliseconds' }).int().min(0).default(10_000),
  /** Outgoing Invoicebox calls allowed to the whole fleet per window (Invoicebox: 100 per 30 s per account). */
  INVOICEBOX_BUDGET: count(90),
  INVOICEBOX_BUDGET_WINDOW_MS: ms(30_000),
  /** Share of the budget only checkout and staff may use; sync and the reconciler stop short of it. */
  INVOICEBOX_BUDGET_RESERVED: z.coerce
    .number({ error: 'must be a share like 0.3' })
    .min(0)
    .max(1)
    .default(0.3),
  /** How long checkout and staff calls wait for room in the budget before giving up. */
  INVOICEBOX_BUDGET_WAIT_MS: z.coerce.number({ error: 'must be milliseconds' }).int().min(0).default(5_000),
  /** Failed staff logins allowed per IP per window; then that IP is refused until the window ends. */
  STAFF_LOGIN_MAX_FAILURES: count(10),
  STAFF_LOGIN_WINDOW_MS: ms(15 * 60_000),
  /** Company lookups by INN (companies.byInn) per IP per RATE_LIMIT_COMPANY_LOOKUP_WINDOW_MS; cache hits count too. */
  RATE_LIMIT_COMPANY_LOOKUP: count(20),
  RATE_LIMIT_COMPANY_LOOKUP_WINDOW_MS: ms(10 * 60_000),
  /** Lookup answers kept in each replica's memory: found companies, "no such company", and how many INNs at most. */
  COMPANY_LOOKUP_FOUND_TTL_MS: ms(24 * 60 * 60_000),
  COMPANY_LOOKUP_NOT_FOUND_TTL_MS: ms(10 * 60_000),
  COMPANY_LOOKUP_CACHE_SIZE: count(10_000),
});

export type LimitsEnv = z.infer<typeof limitsSchema>;

export type LimitsConfig = {
  redisUrl: string | undefined;
  redisKeyPrefix: string;
  trustProxy: boolean | number | string[];
  rateLimit: { windowMs: number; checkout: number; refundRequest: number; read: number };
  maxBatchSize: number;
  bodyLimitBytes: number;
  syncFreshMs: number;
  budget: { limit: number; windowMs: number; reservedShare: number; waitMs: number };
  staffLogin: { maxFailures: number; windowMs: number };
  companyLookup: {
    perIp: number;
    windowMs: number;
    foundTtlMs: number;
    notFoundTtlMs: number;
    cacheSize: number;
  };
};

export class LimitsConfigError extends Error {
  override name = 'LimitsConfigError';
}

function toConfig(env: LimitsEnv): LimitsConfig {
  return {
    redisUrl: env.REDIS_URL,
    redisKeyPrefix: env.REDIS_KEY_PREFIX,
    trustProxy: env.TRUST_PROXY,
    rateLimit: {
      windowMs: env.RATE_LIMIT_WINDOW_MS,
      checkout: env.RATE_LIMIT_CHECKOUT,
      refundRequest: env.RATE_LIMIT_REFUND_REQUEST,
      read: env.RATE_LIMIT_READ,
    },
    maxBatchSize: env.TRPC_MAX_BATCH_SIZE,
    bodyLimitBytes: env.TRPC_BODY_LIMIT_BYTES,
    syncFreshMs: env.SYNC_FRESH_MS,
    budget: {
      limit: env.INVOICEBOX_BUDGET,
      windowMs: env.INVOICEBOX_BUDGET_WINDOW_MS,
      reservedShare: env.INVOICEBOX_BUDGET_RESERVED,
      waitMs: env.INVOICEBOX_BUDGET_WAIT_MS,
    },
    staffLogin: { maxFailures: env.STAFF_LOGIN_MAX_FAILURES, windowMs: env.STAFF_LOGIN_WINDOW_MS },
    companyLookup: {
      perIp: env.RATE_LIMIT_COMPANY_LOOKUP,
      windowMs: env.RATE_LIMIT_COMPANY_LOOKUP_WINDOW_MS,
      foundTtlMs: env.COMPANY_LOOKUP_FOUND_TTL_MS,
      notFoundTtlMs: env.COMPANY_LOOKUP_NOT_FOUND_TTL_MS,
      cacheSize: env.COMPANY_LOOKUP_CACHE_SIZE,
    },
  };
}

/** The abuse limits from the environment; every bad variable is named (same style as env.ts). */
export function loadLimitsConfig(source: NodeJS.ProcessEnv = process.env): LimitsConfig {
  return toConfig(parseEnv(limitsSchema, source, LimitsConfigError));
}

/** The defaults, for callers (tests, tools) that configure limits in code rather than the environment. */
export const DEFAULT_LIMITS: LimitsConfig = toConfig(limitsSchema.parse({}));

type DeepPartial<T> = {
  [K in keyof T]?: T[K] extends object ? (T[K] extends unknown[] ? T[K] : Partial<T[K]>) : T[K];
};
export type LimitsOptions = DeepPartial<LimitsConfig>;

/** Defaults overridden field by field. */
export function resolveLimits(overrides: LimitsOptions, base: LimitsConfig = DEFAULT_LIMITS): LimitsConfig {
  return {
    ...base,
    ...overrides,
    rateLimit: { ...base.rateLimit, ...overrides.rateLimit },
    budget: { ...base.budget, ...overrides.budget },
    staffLogin: { ...base.staffLogin, ...overrides.staffLogin },
    companyLookup: { ...base.companyLookup, ...overrides.companyLookup },
  } as LimitsConfig;
}

/**
 * For benchmarks and drills that measure the API rather than protect it: per-IP limits, the failed-login throttle
 * and the Invoicebox budget far out of reach (the budget is still taken, so its cost is measured).
 */
export const UNLIMITED: LimitsOptions = {
  rateLimit: { checkout: 1_000_000_000, refundRequest: 1_000_000_000, read: 1_000_000_000 },
  budget: { limit: 1_000_000_000 },
  staffLogin: { maxFailures: 1_000_000_000 },
  companyLookup: { perIp: 1_000_000_000 },
};
