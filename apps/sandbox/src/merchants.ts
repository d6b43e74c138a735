import { createHash } from 'node:crypto';
import { DEMO_SHOP } from '@checkout/invoicebox';
import type { MerchantConfig } from './types.js';

export const DEFAULT_NOTIFICATION_URL = 'http://localhost:3000/webhooks/invoicebox';

export const DEMO_MERCHANT: MerchantConfig = {
  ...DEMO_SHOP,
  name: 'Демо-магазин',
  notificationUrl: DEFAULT_NOTIFICATION_URL,
};

/** The settings the control API may change while the sandbox runs. */
export type MerchantSettings = Pick<
  MerchantConfig,
  'signatureAlgorithm' | 'refundBasketAvailableAmount' | 'holdPayments'
>;

export interface Merchants {
  list: MerchantConfig[];
  byToken(token: string): MerchantConfig | undefined;
  byId(id: string): MerchantConfig | undefined;
  /** The `userId` auth/auth reports for a merchant: stable, UUID-shaped, derived from the merchant id. */
  userId(merchant: MerchantConfig): string;
  update(merchant: MerchantConfig, settings: MerchantSettings): void;
  /** Back to the configured settings (control API reset). */
  reset(): void;
}

/** A merchant as the control API shows it: settings with their defaults, never the token or the key. */
export function publicMerchant(m: MerchantConfig) {
  return {
    merchantId: m.merchantId,
    name: m.name ?? null,
    notificationUrl: m.notificationUrl ?? null,
    allowDuplicateMerchantOrderId: m.allowDuplicateMerchantOrderId ?? false,
    signatureAlgorithm: m.signatureAlgorithm ?? 'sha1',
    refundBasketAvailableAmount: m.refundBasketAvailableAmount ?? true,
    holdPayments: m.holdPayments ?? false,
  };
}

export function createMerchants(configs: MerchantConfig[] | undefined): Merchants {
  const configured = configs && configs.length > 0 ? configs : [DEMO_MERCHANT];
  // Copies: run-time setting changes must not leak into the caller's objects, and reset() needs the originals.
  const list = configured.map((m) => ({ ...m }));
  const tokens = new Map(list.map((m) => [m.token, m]));
  const ids = new Map(list.map((m) => [m.merchantId, m]));
  return {
    list,
    byToken: (token) => tokens.get(token),
    byId: (id) => ids.get(id),
    userId: (merchant) => {
      const hex = createHash('sha1').update(`user:${merchant.merchantId}`).digest('hex');
      return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-7${hex.slice(13, 16)}-8${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
    },
    update(merchant, settings) {
      for (const [key, value] of Object.entries(settings)) {
        if (value !== undefined) Object.assign(merchant, { [key]: value });
      }
    },
    reset() {
      list.forEach((merchant, i) => {
        for (const key of Object.keys(merchant)) delete (merchant as unknown as Record<string, unknown>)[key];
        Object.assign(merchant, configured[i]);
      });
    },
  };
}
