import { createHash } from 'node:crypto';
import { DEMO_SHOP } from '@checkout/invoicebox';
import type { MerchantConfig } from './types.js';

export const DEFAULT_NOTIFICATION_URL = 'http://localhost:3000/webhooks/invoicebox';

export const DEMO_MERCHANT: MerchantConfig = {
  ...DEMO_SHOP,
  name: 'Демо-магазин',
  notificationUrl: DEFAULT_NOTIFICATION_URL,
};

export interface Merchants {
  list: MerchantConfig[];
  byToken(token: string): MerchantConfig | undefined;
  byId(id: string): MerchantConfig | undefined;
  /** The `userId` auth/auth reports for a merchant: stable, UUID-shaped, derived from the merchant id. */
  userId(merchant: MerchantConfig): string;
}

export function createMerchants(configs: MerchantConfig[] | undefined): Merchants {
  const list = configs && configs.length > 0 ? configs : [DEMO_MERCHANT];
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
  };
}
