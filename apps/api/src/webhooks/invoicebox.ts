import type { IncomingMessage, ServerResponse } from 'node:http';
import type { NotificationAnswer } from '../db/schema.js';
import type { Deps } from '../deps.js';
import { safeError } from '../lib/safe-error.js';
import type { Logger } from '../logger.js';
import { countNotification, observeRequest } from '../metrics.js';
import { requestIdOf } from '../request-id.js';
import { handleNotification } from './handle-notification.js';

export const WEBHOOK_PATH = '/webhooks/invoicebox';
/** No notification comes near this; a bigger body is not read to its end. */
export const WEBHOOK_BODY_LIMIT = 1024 * 1024;

const OUT_OF_SERVICE = {
  status: 'error',
  code: 'out_of_service',
  message: 'temporary failure, please retry',
} as NotificationAnswer;
const TOO_LARGE = { status: 'error', code: 'signature_error' } as NotificationAnswer;

/** What the route takes from the server around it: its logger, client addresses and drain. */
export type WebhookServer = {
  log: Logger;
  clientIp(req: IncomingMessage): string;
  draining(): boolean;
};

/**
 * POST /webhooks/invoicebox, answered on node:http ahead of Fastify's router: returns false for every other
 * request, which Fastify then serves. The route needs the raw bytes and always answers HTTP 200 with Invoicebox's
 * JSON, so Fastify's router, content-type parsing, hooks, reply and per-request logger bought it nothing and cost
 * it about a tenth of its throughput under Invoicebox's bursts (docs/benchmarks.md). What it did use is kept:
 * request ids, a request log line, metrics, the body limit and `connection: close` while draining.
 */
export function invoiceboxWebhook(deps: Deps, server: WebhookServer) {
  return (req: IncomingMessage, res: ServerResponse): boolean => {
    const url = req.url ?? '';
    if (req.method !== 'POST' || (url !== WEBHOOK_PATH && !url.startsWith(`${WEBHOOK_PATH}?`))) return false;
    serve(deps, server, req, res);
    return true;
  };
}

function serve(deps: Deps, server: WebhookServer, req: IncomingMessage, res: ServerResponse) {
  const started = performance.now();
  const reqId = requestIdOf(req);
  const log = server.log.child({ reqId });
  const clientIp = () => server.clientIp(req);

  const answer = (body: NotificationAnswer, close = false) => {
    countNotification(body.status === 'success' ? 'success' : body.code);
    const json = JSON.stringify(body);
    const headers: Record<string, string | number> = {
      'content-type': 'application/json; charset=utf-8',
      'content-length': Buffer.byteLength(json),
      'x-request-id': reqId,
    };
    // A kept-alive socket would hold a draining server's close() open; an unread body must not be read on.
    if (close || server.draining()) headers.connection = 'close';
    res.writeHead(200, headers);
    res.end(json);
    const ms = performance.now() - started;
    observeRequest(WEBHOOK_PATH, 'POST', 200, ms / 1000);
    log.info(
      { req: { method: 'POST', url: WEBHOOK_PATH }, res: { statusCode: 200 }, responseTime: ms },
      'request completed',
    );
  };

  // Nothing this big is a notification: refused like an unsigned post (counted, sampled), the rest left unread.
  const refuseTooLarge = (read: Buffer) => {
    deps.onLimitRejected?.({ kind: 'webhook_signature', reason: 'body_too_large' });
    const sampled = deps.webhookRejections.record(clientIp(), 'body_too_large', read);
    if (sampled)
      log.warn(
        { reason: 'body_too_large', ip: sampled.sample.ip },
        'notification rejected: body over the limit',
      );
    answer(TOO_LARGE, true);
  };
  if (Number(req.headers['content-length']) > WEBHOOK_BODY_LIMIT) {
    refuseTooLarge(Buffer.alloc(0));
    return;
  }
  const chunks: Buffer[] = [];
  let size = 0;
  req.on('data', (chunk: Buffer) => {
    if (res.headersSent) return;
    size += chunk.length;
    if (size <= WEBHOOK_BODY_LIMIT) chunks.push(chunk);
    else refuseTooLarge(Buffer.concat(chunks));
  });
  // A client that goes away mid-body gets no answer; nothing was read, so nothing changes.
  req.on('error', () => {});
  req.on('end', () => {
    if (res.headersSent) return;
    const raw = chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, size);
    handleNotification(deps, raw, req.headers['x-signature'], log, {
      rejections: deps.webhookRejections,
      ip: clientIp,
    }).then(answer, (error: unknown) => {
      log.error({ err: safeError(error) }, 'webhook failed before processing');
      answer(OUT_OF_SERVICE);
    });
  });
}
