import { serializeInvoiceboxJson } from '@checkout/invoicebox';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ApiError } from './api-error.js';
import type { QueryPairs } from './filter.js';
import type { Merchants } from './merchants.js';
import type { RateLimiter } from './rate-limit.js';
import type { MerchantConfig } from './types.js';

const JSON_TYPE = 'application/json';

/** Serialised PHP-style, as Invoicebox answers: `\/` escaped, raw UTF-8. */
export function sendJson(reply: FastifyReply, status: number, body: unknown) {
  return reply.code(status).type(JSON_TYPE).send(serializeInvoiceboxJson(body));
}

export const sendData = (reply: FastifyReply, data: unknown) =>
  sendJson(reply, 200, { data, extendedData: [] });

export const sendList = (
  reply: FastifyReply,
  list: { data: unknown[]; metaData: { totalCount: number; pageSize: number; page: number } },
) => sendJson(reply, 200, { data: list.data, metaData: list.metaData, extendedData: [] });

export function bearerToken(request: FastifyRequest): string | undefined {
  const header = request.headers.authorization;
  if (header === undefined) return undefined;
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
  return match?.[1] ?? '';
}

export const unauthorized = () => new ApiError(401, 'unauthorized', 'Unauthorized');

/** The merchant of the Bearer token, counted against its rate limit. */
export function authenticate(
  request: FastifyRequest,
  merchants: Merchants,
  limiter: RateLimiter,
): MerchantConfig {
  const token = bearerToken(request);
  const merchant = token ? merchants.byToken(token) : undefined;
  if (!merchant) throw unauthorized();
  const wait = limiter.hit(merchant.token);
  if (wait !== undefined) {
    throw new ApiError(429, 'too_many_requests', 'Too Many Requests', [], { 'retry-after': String(wait) });
  }
  return merchant;
}

/** Query string as ordered pairs with brackets kept literally (`status[]`, `createdAt[_ge]`). */
export function queryPairs(request: FastifyRequest): QueryPairs {
  const q = request.raw.url?.indexOf('?') ?? -1;
  if (q < 0) return [];
  return [...new URLSearchParams(request.raw.url?.slice(q + 1)).entries()];
}
