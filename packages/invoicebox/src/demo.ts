/** The public demo shop published in the Invoicebox docs (shared by everyone: never put real data there). */
export const DEMO_SHOP = {
  merchantId: 'ffffffff-ffff-ffff-ffff-ffffffffffff',
  token: 'b37c4c689295904ed21eee5d9a48d42e',
  notificationKey: '098f6bcd4621d373cade4e832627b4f6',
} as const;
