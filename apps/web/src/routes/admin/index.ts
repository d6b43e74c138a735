// Staff pages load on demand: shoppers never download them.
export { AdminOrderPage } from './admin-order-page';
export { AdminOrdersPage } from './admin-orders-page';
