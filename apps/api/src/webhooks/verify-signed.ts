import {
  type NotificationSignatureAlgorithm,
  type OrderNotification,
  verifyNotification,
} from '@checkout/invoicebox';

/**
 * verifyNotification without the SDK's mismatch diagnosis unless asked for: the diagnosis re-parses and
 * re-serialises the whole body (≈260 ms for 1 MB), which strangers must not be able to trigger at will.
 */
export function verifySigned(
  raw: Buffer,
  signature: string | string[] | undefined,
  key: string,
  algorithm: NotificationSignatureAlgorithm,
  diagnose: boolean,
): OrderNotification {
  return verifyNotification(raw, signature, key, { algorithm, diagnose });
}
