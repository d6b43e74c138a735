import { createServer } from 'node:http';
import {
  DEMO_SHOP,
  type InvoiceboxClientOptions,
  type NotificationSignatureAlgorithm,
} from '@checkout/invoicebox';
import cors from '@fastify/cors';
import { type FastifyTRPCPluginOptions, fastifyTRPCPlugin } from '@trpc/server/adapters/fastify';
import Fastify, { type FastifyInstance } from 'fastify';
import { activeCatalog } from './catalog/active-catalog.js';
import { clientAddress, type TrustProxy } from './client-address.js';
import { type Database, openDatabase } from './db/client.js';
import { assertMigrated, migrateDatabase } from './db/migrate.js';
import { seedCatalog } from './db/seed-catalog.js';
import type { ApiConfig, Deps } from './deps.js';
import { type GateOptions, listenGate } from './gate/listen-gate.js';
import { safeError } from './lib/safe-error.js';
import { storefrontOrigins } from './lib/storefront-origins.js';
import type { OnInvoiceboxResponse } from './limits/budgeted-invoicebox.js';
import type { LimitsOptions } from './limits/config.js';
import type { OnLimitRejected } from './limits/events.js';
import { openAbuseLimits } from './limits/open-abuse-limits.js';
import { createLogger, type Logger } from './logger.js';
import { countingFetch, observeInvoiceboxCall } from './metrics.js';
import { instrumentServer } from './metrics-route.js';
import { type Reconciler, startReconciler } from './reconciler.js';
import { requestIdOf } from './request-id.js';
import { type ServerLimits, sendSafeError, serverLimits } from './server-limits.js';
import type { Context } from './trpc/init.js';
import { type AppRouter, appRouter, createCaller } from './trpc/root.js';
import { invoiceboxWebhook } from './webhooks/invoicebox.js';

export type StartApiOptions = {
  port?: number;
  host?: string;
  databaseUrl?: string;
  pgliteDataDir?: string;
  invoiceboxApiUrl: string;
  invoiceboxToken?: string;
  merchantId?: string;
  notificationKey?: string;
  /** `X-Signature` algorithm set in Invoicebox's cabinet; default sha1. */
  signatureAlgorithm?: NotificationSignatureAlgorithm;
  /** Invoicebox holds card payments and the shop captures them by shipping (INVOICEBOX_HOLD_PAYMENTS); default false. */
  holdPayments?: boolean;
  publicApiUrl?: string;
  storefrontUrl: string;
  adminToken: string;
  reconcileIntervalMs?: number | false;
  /** Age after which the reconciler checks an unpaid order (default 60 s). */
  reconcileMinAgeMs?: number;
  logLevel?: string;
  /** Back-off for Invoicebox reads and never-sent writes (the package's defaults otherwise). */
  invoiceboxRetry?: { retries?: number; baseDelayMs?: number; maxDelayMs?: number };
  /** Connections per replica on PostgreSQL. */
  poolSize?: number;
  logger?: Logger;
  /** An already open database (tests share one PGlite per worker); left open on close(). */
  database?: Database;
  /** Abuse limits (rate limits, Invoicebox budget, Redis…); absent = read from the environment (limits/config.ts). */
  limits?: LimitsOptions;
  /** Metrics hook: called for every request, call or webhook post the abuse limits turn away. */
  onLimitRejected?: OnLimitRejected;
  /** Apply migrations and seed the catalog before listening (default true; production runs `migrate` instead). */
  migrate?: boolean;
  /** Timeouts and the connection cap (src/server-limits.ts has the defaults). */
  serverLimits?: Partial<ServerLimits>;
  /** Fastify's trustProxy: which X-Forwarded-For hops to believe (behind a load balancer). */
  trustProxy?: boolean | string | ((address: string, hop: number) => boolean);
  /** Bearer token for GET /metrics; without one only loopback clients may read it. */
  metricsToken?: string;
  /** Also take notifications from Invoicebox's WebSocket gate (INVOICEBOX_NOTIFY_VIA=gate|both). */
  gate?: GateOptions;
  /** How old the in-memory catalog may get before it is read again, so a price change takes this long at most. */
  catalogMaxAgeMs?: number;
};

export type RunningApi = {
  url: string;
  port: number;
  close(): Promise<void>;
  /** For tests and tools in this package: the wiring behind the HTTP server. */
  deps: Deps;
  app: FastifyInstance;
  reconciler: Reconciler;
  gate: ReturnType<typeof listenGate> | undefined;
  /** A tRPC caller with this instance's context (staff access when admin is true). */
  caller(opts?: { admin?: boolean }): ReturnType<typeof createCaller>;
};

export async function startApi(opts: StartApiOptions): Promise<RunningApi> {
  const log = opts.logger ?? createLogger(opts.logLevel ?? 'info');
  const ownDatabase = !opts.database;
  const database: Database =
    opts.database ??
    (await openDatabase({
      ...(opts.databaseUrl ? { databaseUrl: opts.databaseUrl } : {}),
      ...(opts.pgliteDataDir ? { pgliteDataDir: opts.pgliteDataDir } : {}),
      ...(opts.poolSize ? { poolSize: opts.poolSize } : {}),
    }));
  try {
    if (opts.migrate ?? true) {
      await migrateDatabase(database);
      await seedCatalog(database.db);
    } else await assertMigrated(database);
  } catch (error) {
    if (ownDatabase) await database.close();
    throw error;
  }

  const invoiceboxOptions: InvoiceboxClientOptions = {
    baseUrl: opts.invoiceboxApiUrl,
    token: opts.invoiceboxToken ?? DEMO_SHOP.token,
    userAgent: 'invoicebox-checkout-api/0.1',
    timeoutMs: 15_000,
    ...(opts.invoiceboxRetry ? { retry: opts.invoiceboxRetry } : {}),
    fetch: countingFetch(),
  };
  // With the request's logger when there is one, so our request id and Invoicebox's X-Request-Id share a line.
  const onInvoiceboxResponse: OnInvoiceboxResponse = (info, requestLog) => {
    observeInvoiceboxCall(info.method, info.path, info.status, info.durationMs);
    (requestLog ?? log).info(
      {
        invoicebox: {
          method: info.method,
          path: info.path,
          status: info.status,
          durationMs: info.durationMs,
        },
        invoiceboxRequestId: info.requestId,
      },
      'invoicebox call',
    );
  };
  const config: ApiConfig = {
    merchantId: opts.merchantId ?? DEMO_SHOP.merchantId,
    notificationKey: opts.notificationKey ?? DEMO_SHOP.notificationKey,
    signatureAlgorithm: opts.signatureAlgorithm ?? 'sha1',
    holdPayments: opts.holdPayments ?? false,
    publicApiUrl: opts.publicApiUrl?.replace(/\/+$/, '') ?? '',
    webhookNotifications: !opts.gate?.only,
    storefrontUrl: opts.storefrontUrl.replace(/\/+$/, ''),
    invoiceboxApiUrl: opts.invoiceboxApiUrl,
    adminToken: opts.adminToken,
    orderTtlMs: 24 * 60 * 60 * 1000,
  };
  const abuse = await openAbuseLimits(opts, database, invoiceboxOptions, log, onInvoiceboxResponse).catch(
    async (error: unknown) => {
      if (ownDatabase) await database.close();
      throw error;
    },
  );
  const catalog = activeCatalog(database.db, opts.catalogMaxAgeMs ?? 5_000);
  const deps: Deps = { database, db: database.db, config, catalog, log, ...abuse.deps };

  const limits = serverLimits(opts.serverLimits);
  const trustProxy: TrustProxy = opts.trustProxy ?? abuse.trustProxy;
  let draining = false;
  const webhook = invoiceboxWebhook(deps, {
    log,
    clientIp: clientAddress(trustProxy),
    draining: () => draining,
  });
  const app: FastifyInstance = Fastify({
    // Invoicebox's notifications are answered before Fastify's router (webhooks/invoicebox.ts says why).
    serverFactory: (handler, options) => {
      const server = createServer(options.http ?? {}, (req, res) => {
        if (!webhook(req, res)) handler(req, res);
      });
      server.keepAliveTimeout = limits.keepAliveTimeoutMs;
      server.requestTimeout = limits.requestTimeoutMs;
      return server;
    },
    loggerInstance: log,
    // While draining, a request that arrives on an already open connection is served (and told to close the
    // connection), not answered 503: the balancer already sent it here, and Invoicebox would count a failure.
    return503OnClosing: false,
    requestTimeout: limits.requestTimeoutMs,
    keepAliveTimeout: limits.keepAliveTimeoutMs,
    // Node checks the two timeouts only every connectionsCheckingInterval (30 s by default).
    http: { headersTimeout: limits.headersTimeoutMs, connectionsCheckingInterval: 1_000 },
    // X-Forwarded-For is believed only when TRUST_PROXY says which proxies may set it.
    trustProxy,
    // Long enough for a full batch of procedure names (tRPC then refuses bigger batches with a clear error).
    routerOptions: { maxParamLength: abuse.maxParamLength },
    genReqId: requestIdOf,
  });
  // No stack, path or internal message in any answer, whatever NODE_ENV says.
  app.setErrorHandler(sendSafeError);
  instrumentServer(app, {
    metricsToken: opts.metricsToken,
    procedures: Object.keys(appRouter._def.procedures),
  });
  // One callback-style hook (no promise per request).
  app.addHook('onSend', (request, reply, payload, done) => {
    void reply.header('x-request-id', request.id);
    // A response finished while draining closes its connection: a kept-alive socket would hold close() open.
    if (draining) void reply.header('connection', 'close');
    done(null, payload);
  });
  const rateLimits = await abuse.registerRateLimits(app);
  // Only the storefront's procedures answer browsers: the webhook, health and metrics routes skip CORS work.
  await app.register(async (browserScope) => {
    await browserScope.register(cors, {
      // A list (not a string) so the header is sent only to the storefront's own origin(s).
      origin: storefrontOrigins(config.storefrontUrl),
      methods: ['GET', 'POST', 'OPTIONS'],
      allowedHeaders: ['content-type', 'authorization', 'trpc-accept', 'x-trpc-source', 'x-request-id'],
      maxAge: 600,
    });
    // Preflights are answered here, outside the procedures' rate limits.
    await browserScope.register(async (trpcScope) => {
      abuse.guardTrpcScope(trpcScope, rateLimits);
      await trpcScope.register(fastifyTRPCPlugin, {
        prefix: '/trpc',
        trpcOptions: {
          router: appRouter,
          maxBatchSize: deps.limits.maxBatchSize,
          createContext: ({ req }): Context => ({
            ...deps,
            invoicebox: (priority, requestLog = req.log) => deps.invoicebox(priority, requestLog),
            log: req.log,
            authorization: req.headers.authorization,
            staffLogin: rateLimits.staffLogin(req),
          }),
          onError: ({ error, path, req }) => {
            if (error.code === 'INTERNAL_SERVER_ERROR')
              req.log.error({ err: safeError(error), path }, 'procedure failed');
            // Input errors quote the input: only the code and the procedure are logged.
            else req.log.info({ code: error.code, path }, 'procedure refused');
          },
        } satisfies FastifyTRPCPluginOptions<AppRouter>['trpcOptions'],
      });
    });
  });
  app.get('/healthz', async () => ({ status: 'ok' }));
  app.get('/readyz', async (_request, reply) => {
    const ok = await database.ping();
    return reply.code(ok ? 200 : 503).send({ status: ok ? 'ok' : 'database unavailable' });
  });

  await app.listen({ port: opts.port ?? 3000, host: opts.host ?? '127.0.0.1' });
  app.server.maxConnections = limits.maxConnections;
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : (opts.port ?? 3000);
  const url = `http://localhost:${port}`;
  if (!config.publicApiUrl) config.publicApiUrl = url;

  const reconciler = startReconciler(
    deps,
    { intervalMs: opts.reconcileIntervalMs ?? 30_000, minAgeMs: opts.reconcileMinAgeMs ?? 60_000 },
    log,
  );
  const gate = opts.gate
    ? listenGate(deps, { ...opts.gate, token: invoiceboxOptions.token }, log)
    : undefined;
  log.info({ url, driver: database.driver }, 'api listening');

  let closing: Promise<void> | undefined;
  return {
    url,
    port,
    deps,
    app,
    reconciler,
    gate,
    caller: ({ admin = false } = {}) =>
      createCaller({ ...deps, authorization: admin ? `Bearer ${config.adminToken}` : undefined }),
    close() {
      draining = true;
      closing ??= (async () => {
        // app.close() stops listening and waits for in-flight requests (idle keep-alive sockets are closed).
        await Promise.all([reconciler.stop(), app.close(), gate?.close()]);
        await abuse.close();
        if (ownDatabase) await database.close();
      })();
      return closing;
    },
  };
}
