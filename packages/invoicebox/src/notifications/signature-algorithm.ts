/**
 * HMAC digests Invoicebox can sign notifications with. The algorithm is a per-shop setting in the cabinet
 * (notification settings; default `hmac` + `sha1`), so the shop has to be told which one it chose.
 */
export const NOTIFICATION_SIGNATURE_ALGORITHMS = ['sha1', 'sha256', 'sha512'] as const;
/** The digest of the notification HMAC, as chosen in the Invoicebox cabinet. */
export type NotificationSignatureAlgorithm = (typeof NOTIFICATION_SIGNATURE_ALGORITHMS)[number];

/** Digest length in bytes; the hex signature is twice as long (40, 64, 128 characters). */
export const DIGEST_BYTES: Readonly<Record<NotificationSignatureAlgorithm, number>> = {
  sha1: 20,
  sha256: 32,
  sha512: 64,
};

export function assertSignatureAlgorithm(
  algorithm: unknown,
): asserts algorithm is NotificationSignatureAlgorithm {
  if (!(NOTIFICATION_SIGNATURE_ALGORITHMS as readonly unknown[]).includes(algorithm)) {
    throw new TypeError(
      `Unknown notification signature algorithm ${JSON.stringify(algorithm)}; use one of ${NOTIFICATION_SIGNATURE_ALGORITHMS.join(', ')}`,
    );
  }
}

/** The algorithm whose hex digest has this many characters, if any. */
export function algorithmForHexLength(length: number): NotificationSignatureAlgorithm | undefined {
  return NOTIFICATION_SIGNATURE_ALGORITHMS.find((a) => DIGEST_BYTES[a] * 2 === length);
}
