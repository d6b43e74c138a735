import { randomBytes } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

const REQUEST_ID = /^[\w.:-]{1,128}$/;
const requestIdPrefix = `${randomBytes(9).toString('base64url')}-`;
let requestCount = 0;

/** The caller's X-Request-Id when it is a sane token, otherwise a new one. */
export function requestIdOf(req: IncomingMessage): string {
  const given = req.headers['x-request-id'];
  // A random per-process prefix and a counter: unique across replicas without a CSPRNG call per request.
  // base64url rather than a UUID: all-digit UUID groups look like card numbers to log scanners.
  return typeof given === 'string' && REQUEST_ID.test(given)
    ? given
    : `${requestIdPrefix}${(requestCount++).toString(36)}`;
}
