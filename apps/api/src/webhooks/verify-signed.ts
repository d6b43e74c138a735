import { createHmac, timingSafeEqual } from 'node:crypto';
import { InvoiceboxSignatureError, type OrderNotification, verifyNotification } from '@checkout/invoicebox';

const HEX_SHA1 = /^[0-9a-fA-F]{40}$/;

/** Constant time: the received hex is decoded and compared with the computed digest byte for byte. */
function hexMatches(signature: string, raw: Buffer, key: string): boolean {
  const computed = createHmac('sha1', key).update(raw).digest();
  return timingSafeEqual(Buffer.from(signature, 'hex'), computed);
}

/**
 * verifyNotification without the SDK's mismatch diagnosis unless asked for: the diagnosis re-parses and
 * re-serialises the whole body (≈260 ms for 1 MB), which strangers must not be able to trigger at will.
 */
export function verifySigned(
  raw: Buffer,
  signature: string | string[] | undefined,
  key: string,
  diagnose: boolean,
): OrderNotification {
  // SDK switch: once @checkout/invoicebox has the option, this whole body becomes the one line
  //   return verifyNotification(raw, signature, key, { diagnose });
  const value = Array.isArray(signature) ? signature[0] : signature;
  const hex = value?.length === 40 ? value : value?.trim();
  // Missing or non-hex signatures are cheap for the SDK to refuse; only a well-formed mismatch is diagnosed.
  if (!diagnose && hex && HEX_SHA1.test(hex) && !hexMatches(hex, raw, key)) {
    throw new InvoiceboxSignatureError('signature_mismatch', 'X-Signature does not match the body');
  }
  return verifyNotification(raw, signature, key);
}
