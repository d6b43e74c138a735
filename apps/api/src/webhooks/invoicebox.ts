import type { FastifyInstance } from 'fastify';
import type { Deps } from '../deps.js';
import { safeError } from '../lib/safe-error.js';
import { countNotification } from '../metrics.js';
import { handleNotification } from './handle-notification.js';

export const WEBHOOK_PATH = '/webhooks/invoicebox';

/**
 * POST /webhooks/invoicebox. Registered in its own scope so only this route reads the body as raw bytes
 * (the signature is over those exact bytes). Always HTTP 200 with Invoicebox's JSON reply.
 */
export async function invoiceboxWebhook(app: FastifyInstance, opts: { deps: Deps }): Promise<void> {
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', { parseAs: 'buffer', bodyLimit: 1024 * 1024 }, (_req, body, done) => {
    done(null, body);
  });
  app.setErrorHandler((error, request, reply) => {
    request.log.error({ err: safeError(error) }, 'webhook failed before processing');
    countNotification('out_of_service');
    void reply
      .code(200)
      .send({ status: 'error', code: 'out_of_service', message: 'temporary failure, please retry' });
  });
  app.post(WEBHOOK_PATH, async (request, reply) => {
    const raw = Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0);
    const answer = await handleNotification(opts.deps, raw, request.headers['x-signature'], request.log, {
      rejections: opts.deps.webhookRejections,
      ip: request.ip,
    });
    countNotification(answer.status === 'success' ? 'success' : answer.code);
    return reply.code(200).header('content-type', 'application/json; charset=utf-8').send(answer);
  });
}
