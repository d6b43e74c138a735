import type { LineSnapshot } from '../orders/basket-from-lines.js';

/**
 * Where a fee refund's correction order is. none: no fee; pending: not sent yet (the draft refund comes first);
 * sending: claimed by one caller who is sending it, or whose answer never came (looked up before anything else);
 * failed: Invoicebox refused it or it was never confirmed, so the draft refund waits for staff to finish it;
 * created: Invoicebox holds it and the draft refund goes on to complete.
 */
export const CORRECTION_STATES = ['none', 'pending', 'sending', 'failed', 'created'] as const;
export type CorrectionState = (typeof CORRECTION_STATES)[number];

/** The fee's basket line as sent (kopecks), stored so finishing later sends exactly the same correction order. */
export type FeeLine = LineSnapshot;
