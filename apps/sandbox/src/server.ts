import { randomUUID } from 'node:crypto';
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import { ApiError } from './api-error.js';
import { sendJson } from './api-reply.js';
import type { SandboxContext } from './context.js';
import { dashboardRoutes } from './dashboard/routes.js';
import { attachGate } from './gate/attach-gate.js';
import { gateControlRoutes } from './gate/control-routes.js';
import { paymentPageRoutes } from './payment-page/routes.js';
import type { RateLimiter } from './rate-limit.js';
import { authRoutes } from './routes/auth.js';
import { controlRoutes } from './routes/control.js';
import { correctionControlRoutes, correctionOrderRoutes } from './routes/correction-order.js';
import { counterpartyRoutes } from './routes/counterparty.js';
import { merchantSettingsRoutes } from './routes/merchant-settings.js';
import { orderRoutes } from './routes/orders.js';
import { refundRoutes } from './routes/refunds.js';
import { shipmentRoutes } from './routes/shipments.js';

const BODY_LIMIT = 1024 * 1024;

function parseJson(
  _request: FastifyRequest,
  body: string,
  done: (err: Error | null, body?: unknown) => void,
) {
  // GET/DELETE from the official clients carry Content-Type: application/json with no body.
  if (body.trim() === '') return done(null, undefined);
  try {
    done(null, JSON.parse(body));
  } catch (error) {
    done(new ApiError(400, 'invalid_json', `Request body is not valid JSON: ${(error as Error).message}`));
  }
}

function parseForm(
  _request: FastifyRequest,
  body: string,
  done: (err: Error | null, body?: unknown) => void,
) {
  done(null, Object.fromEntries(new URLSearchParams(body)));
}

/** Any thrown error -> Invoicebox's error envelope; input problems stay 4xx, only our own bugs are 500. */
function toApiError(error: unknown): ApiError {
  if (error instanceof ApiError) return error;
  const e = error as { statusCode?: number; code?: string; message?: string };
  const status =
    typeof e.statusCode === 'number' && e.statusCode >= 400 && e.statusCode < 500 ? e.statusCode : 500;
  if (status === 413)
    return new ApiError(413, 'payload_too_large', `Request body exceeds ${BODY_LIMIT} bytes`);
  if (status === 415) return new ApiError(415, 'unsupported_media_type', 'Send the body as application/json');
  if (status < 500) return new ApiError(status, 'bad_request', e.message ?? 'Bad request');
  return new ApiError(500, 'internal_error', 'Internal server error');
}

export function buildServer(
  ctx: SandboxContext,
  limiter: RateLimiter,
  logRequests: boolean,
): FastifyInstance {
  const app = Fastify({
    bodyLimit: BODY_LIMIT,
    logger: logRequests ? { level: 'info' } : false,
    genReqId: () => randomUUID(),
    routerOptions: { ignoreTrailingSlash: true },
  });
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'string' }, parseJson);
  app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string' }, parseForm);

  app.addHook('onRequest', async (request, reply) => {
    reply.header('x-request-id', request.id);
  });

  app.setErrorHandler((error, request: FastifyRequest, reply: FastifyReply) => {
    const apiError = toApiError(error);
    if (apiError.status >= 500) ctx.log(`500 on ${request.method} ${request.url}: ${(error as Error).stack}`);
    const redirect = (request.query as { redirect?: unknown } | undefined)?.redirect;
    if (request.url.startsWith('/_sandbox/') && typeof redirect === 'string' && redirect.startsWith('/')) {
      return reply.redirect(`/?error=${encodeURIComponent(apiError.message)}`, 303);
    }
    for (const [name, value] of Object.entries(apiError.headers)) reply.header(name, value);
    return sendJson(reply, apiError.status, apiError.toJSON());
  });

  app.setNotFoundHandler((request, reply) =>
    sendJson(
      reply,
      404,
      new ApiError(404, 'not_found', `No route ${request.method} ${request.url.split('?')[0]}`).toJSON(),
    ),
  );

  const deps = { ctx, limiter };
  for (const prefix of ['/v3', '/l3']) {
    app.register(
      async (api) => {
        authRoutes(api, deps);
        orderRoutes(api, deps);
        refundRoutes(api, deps);
        shipmentRoutes(api, deps);
        counterpartyRoutes(api, deps);
        correctionOrderRoutes(api, deps);
      },
      { prefix },
    );
  }
  controlRoutes(app, ctx, limiter);
  gateControlRoutes(app, attachGate(app, ctx));
  merchantSettingsRoutes(app, ctx);
  correctionControlRoutes(app, ctx);
  paymentPageRoutes(app, ctx);
  dashboardRoutes(app, ctx);
  return app;
}
