export {
  type BasketItem,
  type BasketItemResponse,
  basketItemResponseSchema,
  basketItemSchema,
} from './basket-item.js';
export {
  type CreateOrderRequest,
  createOrderRequestSchema,
  type UpdateOrderRequest,
  updateOrderRequestSchema,
} from './create-order.js';
export { type Customer, customerResponseSchema, customerSchema } from './customer.js';
export {
  type CanonicalOrderStatus,
  CURRENCIES,
  type Currency,
  type CustomerType,
  currencySchema,
  customerTypeSchema,
  type ItemType,
  itemTypeSchema,
  LANGUAGES,
  type Language,
  languageSchema,
  normalizeOrderStatus,
  ORDER_STATUSES,
  type OrderStatus,
  orderStatusSchema,
  PAYMENT_TYPES,
  type PaymentType,
  paymentTypeSchema,
  REFUND_STATUSES,
  type RefundStatus,
  ROUND_POLICIES,
  refundStatusSchema,
  responseOrderStatusSchema,
  responseRefundStatusSchema,
  roundPolicySchema,
  SHIPMENT_STATUSES,
  shipmentStatusSchema,
  vatCodeSchema,
} from './enums.js';
export {
  type ApiErrorField,
  type AuthInfo,
  authInfoSchema,
  dataEnvelope,
  type ErrorEnvelope,
  errorEnvelopeSchema,
  errorFieldSchema,
  type ListMetaData,
  listEnvelope,
  metaDataPagingSchema,
} from './envelopes.js';
export { isOrderNotification, type OrderNotification, orderNotificationSchema } from './notification.js';
export { OKEI_UNITS, okeiUnitName } from './okei.js';
export { type Order, orderSchema } from './order.js';
export {
  atomDateTimeSchema,
  formatAtomDate,
  moneySchema,
  plainDateSchema,
  quantitySchema,
} from './primitives.js';
export {
  type CreateRefundRequest,
  createRefundRequestSchema,
  type Refund,
  type RefundableItem,
  refundableItemSchema,
  refundSchema,
} from './refund.js';
export {
  type InvoiceSetting,
  invoiceSettingSchema,
  type OrderSetting,
  orderSettingSchema,
} from './settings.js';
export {
  type CreateShipmentRequest,
  createShipmentRequestSchema,
  type Shipment,
  shipmentSchema,
} from './shipment.js';
