import type { FastifyInstance } from 'fastify';
import { bearerToken, sendData } from '../api-reply.js';
import type { AuthUserJson } from '../protocol/responses.js';
import { type ApiDeps, merchantOf } from './api-deps.js';

export function authRoutes(app: FastifyInstance, deps: ApiDeps) {
  app.get('/security/api/auth/auth', async (request, reply) => {
    // No token at all is an anonymous user (200, userId null); a wrong token is 401.
    if (bearerToken(request) === undefined) {
      const anonymous: AuthUserJson = { userId: null, profile: null, accessToken: null };
      return sendData(reply, anonymous);
    }
    const merchant = merchantOf(deps, request);
    const user: AuthUserJson = {
      userId: deps.ctx.merchants.userId(merchant),
      profile: null,
      accessToken: null,
    };
    return sendData(reply, user);
  });
}
