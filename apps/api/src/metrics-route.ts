import { createHash, timingSafeEqual } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { observeRequest, registry } from './metrics.js';
import { isLoopbackHost } from './unsafe-settings.js';

const digest = (value: string) => createHash('sha256').update(value).digest();

/**
 * GET /metrics (Prometheus text) and per-route latency. Readers: a Bearer METRICS_TOKEN when one is set,
 * otherwise only clients on this machine. The socket's address is used, never X-Forwarded-For.
 */
export function instrumentServer(
  app: FastifyInstance,
  opts: { metricsToken?: string | undefined; procedures: readonly string[] },
): void {
  const procedures = new Set(opts.procedures);
  app.addHook('onResponse', (request, reply, done) => {
    let route = request.routeOptions.url ?? 'unmatched';
    if (route === '/trpc/:path') {
      // Only known names: a label per arbitrary path would let any client grow the series without bound.
      const path = (request.params as { path?: string }).path ?? '';
      route = path.includes(',') ? 'trpc:batch' : procedures.has(path) ? `trpc:${path}` : 'trpc:unknown';
    }
    observeRequest(route, request.method, reply.statusCode, reply.elapsedTime / 1000);
    done();
  });

  app.get('/metrics', async (request, reply) => {
    const allowed = opts.metricsToken
      ? timingSafeEqual(digest(request.headers.authorization ?? ''), digest(`Bearer ${opts.metricsToken}`))
      : isLoopbackHost(request.socket.remoteAddress ?? '');
    if (!allowed) {
      return reply.code(opts.metricsToken ? 401 : 403).send({
        error: opts.metricsToken
          ? 'GET /metrics needs Authorization: Bearer <METRICS_TOKEN>'
          : 'GET /metrics answers clients on this machine only; set METRICS_TOKEN to read it remotely',
      });
    }
    return reply.header('content-type', registry.contentType).send(await registry.metrics());
  });
}
