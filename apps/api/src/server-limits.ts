import { STATUS_CODES } from 'node:http';
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { safeError } from './lib/safe-error.js';

export type ServerLimits = {
  /** The whole request must arrive within this (0 = no limit). */
  requestTimeoutMs: number;
  /** The headers must arrive within this: a slow-headers client cannot hold a socket for long. */
  headersTimeoutMs: number;
  /** Idle keep-alive sockets are closed after this; above a load balancer's idle timeout (AWS ALB: 60 s). */
  keepAliveTimeoutMs: number;
  /** Connections beyond this are dropped at accept. */
  maxConnections: number;
};

export const DEFAULT_LIMITS: ServerLimits = {
  requestTimeoutMs: 30_000,
  headersTimeoutMs: 10_000,
  keepAliveTimeoutMs: 75_000,
  maxConnections: 1024,
};

export function serverLimits(given: Partial<ServerLimits> = {}): ServerLimits {
  const limits = { ...DEFAULT_LIMITS, ...given };
  // Node refuses a headers timeout above a non-zero request timeout.
  if (limits.requestTimeoutMs > 0 && limits.headersTimeoutMs > limits.requestTimeoutMs)
    limits.headersTimeoutMs = limits.requestTimeoutMs;
  return limits;
}

const INTERNAL = 'Something went wrong on our side; please retry in a minute.';

/**
 * The root error handler: a client error keeps fastify's own message (bad JSON, wrong content type, body too
 * large); anything else is logged and answered generically. Never a stack, whatever NODE_ENV is.
 */
export function sendSafeError(error: FastifyError, request: FastifyRequest, reply: FastifyReply): void {
  const status =
    error.statusCode && error.statusCode >= 400 && error.statusCode < 500 ? error.statusCode : 500;
  if (status === 500) request.log.error({ err: safeError(error) }, 'request failed');
  void reply.code(status).send({
    statusCode: status,
    ...(status === 500 ? {} : { code: error.code }),
    error: STATUS_CODES[status] ?? 'Error',
    message: status === 500 ? INTERNAL : error.message,
  });
}
