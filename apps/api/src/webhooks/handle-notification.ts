import {
  InvoiceboxSignatureError,
  isMonitoringProbe,
  notificationReply,
  type OrderNotification,
} from '@checkout/invoicebox';
import type { NotificationAnswer } from '../db/schema.js';
import { notifications } from '../db/schema.js';
import type { Deps } from '../deps.js';
import { safeError } from '../lib/safe-error.js';
import type { Logger } from '../logger.js';
import { applyNotification, sha256Hex } from './apply-notification.js';
import type { WebhookRejections } from './rejections.js';
import { verifySigned } from './verify-signed.js';

/** Bodies above this are never diagnosed: the diagnosis costs CPU in proportion to the body. */
const DIAGNOSE_MAX_BYTES = 64 * 1024;

/** Exactly Invoicebox's contract and nothing more: a stranger learns nothing from it. */
const SIGNATURE_ERROR = { status: 'error', code: 'signature_error' } as NotificationAnswer;

/** Unsigned posts: counted and sampled in memory only (nothing reaches the database before a signature holds). */
export type WebhookGuard = { rejections: WebhookRejections; ip: () => string };

const reply = {
  success: () => notificationReply.success() as NotificationAnswer,
  error: (code: string, message: string) =>
    notificationReply.error(
      code as Parameters<typeof notificationReply.error>[0],
      message,
    ) as NotificationAnswer,
};

/**
 * Invoicebox waits 20 s for an answer; a database that does not answer within this gets out_of_service (and a
 * retry) instead of a timeout. Should the work still commit later, the retry is answered as a duplicate.
 */
const APPLY_DEADLINE_MS = 5_000;

function withDeadline<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer from the database within ${ms} ms`)), ms);
  });
  // The losing promise must not turn into an unhandled rejection.
  work.catch(() => {});
  return Promise.race([work, deadline]).finally(() => clearTimeout(timer));
}

/**
 * The whole answer to one delivery. Signature first (on the raw bytes), then the probe and the merchant id,
 * then the order. Never throws: a database failure becomes out_of_service so Invoicebox retries later.
 */
export async function handleNotification(
  deps: Deps,
  raw: Buffer,
  signature: string | string[] | undefined,
  log: Logger,
  guard?: WebhookGuard,
): Promise<NotificationAnswer> {
  let notification: OrderNotification;
  const diagnose = raw.length <= DIAGNOSE_MAX_BYTES && (guard?.rejections.wouldSample() ?? true);
  try {
    notification = verifySigned(
      raw,
      signature,
      deps.config.notificationKey,
      deps.config.signatureAlgorithm,
      diagnose,
    );
  } catch (error) {
    if (!(error instanceof InvoiceboxSignatureError)) throw error;
    const signed = error.reason === 'body_not_json' || error.reason === 'not_a_notification';
    if (!signed) {
      rejectUnsigned(deps, raw, error, log, guard);
      return SIGNATURE_ERROR;
    }
    // The signature holds: whoever holds our key sent it, so it is recorded for staff like any notification.
    log.warn({ reason: error.reason, bytes: raw.length }, 'signed notification rejected');
    const answer = reply.error(
      'order_not_found',
      `signed body is not an order notification (${error.reason})`,
    );
    await recordRejected(deps, raw, answer, error.reason, log);
    return answer;
  }

  if (notification.merchantId !== deps.config.merchantId) {
    log.warn({ merchantId: notification.merchantId }, 'notification for another merchant');
    return reply.error('order_not_found', `merchantId ${notification.merchantId} is not this shop`);
  }
  if (isMonitoringProbe(notification)) {
    log.info('Invoicebox monitoring probe answered');
    return reply.success();
  }
  try {
    return await withDeadline(applyNotification(deps, notification, raw, log), APPLY_DEADLINE_MS);
  } catch (error) {
    log.error(
      { err: safeError(error), invoiceboxId: notification.id },
      'notification not applied; asking Invoicebox to retry',
    );
    return reply.error('out_of_service', 'temporary failure, please retry');
  }
}

/** Counted always; logged (with the SDK's diagnosis, which can name a wrong key or a re-serialised body) when sampled. */
function rejectUnsigned(
  deps: Deps,
  raw: Buffer,
  error: InvoiceboxSignatureError,
  log: Logger,
  guard: WebhookGuard | undefined,
) {
  deps.onLimitRejected?.({ kind: 'webhook_signature', reason: error.reason });
  const sampled = guard ? guard.rejections.record(guard.ip(), error.reason, raw) : null;
  if (guard && !sampled) return;
  log.warn(
    {
      reason: error.reason,
      bytes: raw.length,
      ...(sampled
        ? { ip: sampled.sample.ip, sha256: sampled.sample.sha256, unsampledBefore: sampled.unsampledBefore }
        : {}),
      diagnosis: error.message,
    },
    'notification rejected: signature does not hold',
  );
}

/** Kept for staff: a signed body that is not a notification means a misconfigured shop at Invoicebox. */
async function recordRejected(
  deps: Deps,
  raw: Buffer,
  answer: NotificationAnswer,
  outcome: string,
  log: Logger,
): Promise<void> {
  try {
    await deps.db.insert(notifications).values({
      bodySha256: sha256Hex(raw),
      rawBody: raw.subarray(0, 64 * 1024).toString('utf8'),
      signatureValid: true,
      answer,
      outcome,
    });
  } catch (error) {
    log.warn({ err: safeError(error) }, 'could not record a rejected notification');
  }
}
