import type { FastifyInstance } from 'fastify';
import type { SandboxContext } from '../context.js';
import { renderDashboard } from './render-dashboard.js';

export function dashboardRoutes(app: FastifyInstance, ctx: SandboxContext) {
  app.get('/', async (request, reply) => {
    const { error } = request.query as { error?: unknown };
    return reply
      .type('text/html; charset=utf-8')
      .send(renderDashboard(ctx, typeof error === 'string' ? error : undefined));
  });
}
