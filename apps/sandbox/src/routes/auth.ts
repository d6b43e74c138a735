import type { FastifyInstance } from 'fastify';
import { bearerToken, sendData } from '../api-reply.js';
import { type ApiDeps, merchantOf } from './api-deps.js';

export function authRoutes(app: FastifyInstance, deps: ApiDeps) {
  app.get('/security/api/auth/auth', async (request, reply) => {
    // No token at all is an anonymous user (200, userId null); a wrong token is 401.
    if (bearerToken(request) === undefined) {
      return sendData(reply, { userId: null, profile: null, accessToken: null });
    }
    const merchant = merchantOf(deps, request);
    return sendData(reply, { userId: deps.ctx.merchants.userId(merchant), profile: null, accessToken: null });
  });
}
