import type { Merchants } from './merchants.js';
import type { Notifier } from './notifier.js';
import type { Store } from './store/store.js';
import type { MerchantConfig } from './types.js';

/** What the routes and the domain functions share. */
export interface SandboxContext {
  store: Store;
  merchants: Merchants;
  notifier: Notifier;
  publicUrl: string;
  /** Notifications may go to hosts other than loopback ones (see notification-url-policy.ts). */
  allowAnyNotificationHost: boolean;
  refundCompletionDelayMs: number;
  log: (message: string) => void;
  /** Timers the sandbox owns (refund completion); cleared on close. */
  later(delayMs: number, run: () => void): void;
}

export const notificationUrlOf = (merchant: MerchantConfig, orderUrl: unknown) =>
  typeof orderUrl === 'string' && orderUrl ? orderUrl : merchant.notificationUrl;
