import { InvoiceboxError } from '../errors.js';

/** Why a notification was rejected, for logs and metrics; each maps to a different fix on the shop's side. */
export type SignatureErrorReason =
  | 'raw_body_expected'
  | 'signature_missing'
  | 'signature_mismatch'
  | 'body_not_json'
  | 'not_a_notification';

/** A notification that must not be trusted; answer it with `notificationReply.error('signature_error')`. */
export class InvoiceboxSignatureError extends InvoiceboxError {
  override name = 'InvoiceboxSignatureError';
  readonly reason: SignatureErrorReason;

  constructor(reason: SignatureErrorReason, message: string) {
    super(message);
    this.reason = reason;
  }
}
