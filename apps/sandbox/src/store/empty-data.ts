import type { SandboxData } from '../types.js';

export const emptyData = (): SandboxData => ({
  version: 1,
  orders: {},
  refunds: {},
  shipments: [],
  deliveries: [],
  settings: { notifications: { mode: 'deliver', dropRate: 0 } },
  nextShipmentId: 1,
});
