import { DEMO_SHOP, type InvoiceboxClientOptions } from '@checkout/invoicebox';
import type { FastifyInstance } from 'fastify';
import { CompanyCache } from '../companies/company-cache.js';
import type { Database } from '../db/client.js';
import type { Deps } from '../deps.js';
import { safeError } from '../lib/safe-error.js';
import type { Logger } from '../logger.js';
import { WebhookRejections } from '../webhooks/rejections.js';
import { createCallBudget } from './budget.js';
import { postgresCallWindow } from './budget-postgres.js';
import { redisCallWindow } from './budget-redis.js';
import { budgetedInvoicebox, type OnInvoiceboxResponse } from './budgeted-invoicebox.js';
import { type LimitsOptions, loadLimitsConfig, resolveLimits } from './config.js';
import type { OnLimitRejected } from './events.js';
import { type RateLimits, registerRateLimits } from './rate-limits.js';
import { openRedis } from './redis.js';

/** Room per procedure name in a batched URL (/trpc/a,b,c): the longest we have is under 40 characters. */
const PATH_ROOM = 64;

/**
 * Everything that keeps one client (or a storm of them) from hurting the rest: the Invoicebox call budget shared
 * by the fleet, per-IP rate limits, the failed-login throttle, tRPC batch and body caps. Redis holds the shared
 * counters when REDIS_URL is set; otherwise the budget lives in PostgreSQL and the rate limits in memory.
 */
export async function openAbuseLimits(
  opts: { limits?: LimitsOptions; onLimitRejected?: OnLimitRejected; merchantId?: string },
  database: Database,
  invoiceboxOptions: InvoiceboxClientOptions,
  log: Logger,
  onInvoiceboxResponse: OnInvoiceboxResponse,
) {
  const limits = opts.limits ? resolveLimits(opts.limits) : loadLimitsConfig();
  const onRejected: OnLimitRejected = (event) => opts.onLimitRejected?.(event);
  const redis = limits.redisUrl ? await openRedis(limits.redisUrl) : undefined;
  // Invoicebox counts per account, so the budget is per merchant, whichever replica or store keeps it.
  const merchantId = opts.merchantId ?? DEMO_SHOP.merchantId;
  const window = redis
    ? redisCallWindow(redis, `${limits.redisKeyPrefix}invoicebox-budget:${merchantId}`)
    : await postgresCallWindow(database.db, `invoicebox:${merchantId}`);
  const budget = createCallBudget(window, limits.budget, {
    onStoreError: (error) =>
      log.warn(
        { err: safeError(error) },
        'Invoicebox call budget store failed; urgent calls go out uncounted',
      ),
    onRefused: (priority) => onRejected({ kind: 'invoicebox_budget', priority }),
  });

  const deps: Pick<Deps, 'invoicebox' | 'limits' | 'onLimitRejected' | 'webhookRejections' | 'companyCache'> =
    {
      invoicebox: budgetedInvoicebox(invoiceboxOptions, budget, onInvoiceboxResponse),
      limits,
      onLimitRejected: onRejected,
      webhookRejections: new WebhookRejections(),
      companyCache: new CompanyCache(limits.companyLookup),
    };
  return {
    deps,
    maxParamLength: limits.maxBatchSize * PATH_ROOM,
    /** Fastify's trustProxy: a hop count becomes "trust the nearest n proxies", as fastify does it itself. */
    trustProxy:
      typeof limits.trustProxy === 'number'
        ? (_address: string, hop: number) => hop < (limits.trustProxy as number)
        : limits.trustProxy,
    registerRateLimits: (app: FastifyInstance) => registerRateLimits(app, limits, redis, onRejected),
    /** Inside the scope that registers tRPC: its routes get the body cap and the per-IP limits. */
    guardTrpcScope(scope: FastifyInstance, rateLimits: RateLimits) {
      scope.addHook('onRoute', (route) => {
        route.bodyLimit = limits.bodyLimitBytes;
      });
      scope.addHook('onRequest', rateLimits.publicProcedures);
    },
    async close() {
      await redis?.quit().catch(() => redis.disconnect());
    },
  };
}
