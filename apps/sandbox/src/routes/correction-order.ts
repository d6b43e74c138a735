import type { FastifyInstance } from 'fastify';
import { sendData } from '../api-reply.js';
import type { SandboxContext } from '../context.js';
import { createCorrectionOrder, refundPayout } from '../domain/correction-orders.js';
import { type ApiDeps, type IdParams, merchantOf } from './api-deps.js';

export function correctionOrderRoutes(app: FastifyInstance, deps: ApiDeps) {
  app.post('/billing/api/order/correction-order', async (request, reply) => {
    const merchant = merchantOf(deps, request);
    return sendData(reply, createCorrectionOrder(deps.ctx, merchant, request.body));
  });
}

/** Control API: how much of a refund reached the payer once correction orders kept their part. */
export function correctionControlRoutes(app: FastifyInstance, ctx: SandboxContext) {
  app.get<IdParams>('/_sandbox/refunds/:id', async (request) => refundPayout(ctx, request.params.id));
}
