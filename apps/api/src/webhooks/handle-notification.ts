import {
  InvoiceboxSignatureError,
  isMonitoringProbe,
  notificationReply,
  type OrderNotification,
  verifyNotification,
} from '@checkout/invoicebox';
import type { NotificationAnswer } from '../db/schema.js';
import { notifications } from '../db/schema.js';
import type { Deps } from '../deps.js';
import { safeError } from '../lib/safe-error.js';
import type { Logger } from '../logger.js';
import { applyNotification, sha256Hex } from './apply-notification.js';

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
): Promise<NotificationAnswer> {
  let notification: OrderNotification;
  try {
    notification = verifyNotification(raw, signature, deps.config.notificationKey);
  } catch (error) {
    if (!(error instanceof InvoiceboxSignatureError)) throw error;
    const signed = error.reason === 'body_not_json' || error.reason === 'not_a_notification';
    log.warn({ reason: error.reason, bytes: raw.length }, 'notification rejected');
    const answer = signed
      ? reply.error('order_not_found', `signed body is not an order notification (${error.reason})`)
      : reply.error('signature_error', error.message);
    await recordRejected(deps, raw, signed, answer, error.reason, log);
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

/** Kept for staff: a stream of bad signatures means a wrong key or someone probing the endpoint. */
async function recordRejected(
  deps: Deps,
  raw: Buffer,
  signatureValid: boolean,
  answer: NotificationAnswer,
  outcome: string,
  log: Logger,
): Promise<void> {
  try {
    await deps.db.insert(notifications).values({
      bodySha256: sha256Hex(raw),
      rawBody: raw.subarray(0, 64 * 1024).toString('utf8'),
      signatureValid,
      answer,
      outcome,
    });
  } catch (error) {
    log.warn({ err: safeError(error) }, 'could not record a rejected notification');
  }
}
