export type { AdminOrderRow } from './admin/list-orders.js';
export type { AdminOrderDetails } from './admin/order-details.js';
export type { Product } from './catalog/router.js';
export { type LimitsConfig, type LimitsOptions, loadLimitsConfig, UNLIMITED } from './limits/config.js';
export type { LimitRejection, OnLimitRejected } from './limits/events.js';
export type { PublicOrder } from './orders/public-order.js';
export { ORDER_STATUSES, type OrderStatus } from './orders/status.js';
export { type RunningApi, type StartApiOptions, startApi } from './server.js';
export type { AppRouter } from './trpc/root.js';
