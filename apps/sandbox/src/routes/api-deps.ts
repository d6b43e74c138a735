import type { FastifyRequest } from 'fastify';
import { authenticate } from '../api-reply.js';
import type { SandboxContext } from '../context.js';
import type { RateLimiter } from '../rate-limit.js';

export interface ApiDeps {
  ctx: SandboxContext;
  limiter: RateLimiter;
}

export const merchantOf = (deps: ApiDeps, request: FastifyRequest) =>
  authenticate(request, deps.ctx.merchants, deps.limiter);

export type IdParams = { Params: { id: string } };
