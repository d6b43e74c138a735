export {
  type BasketItem,
  type BasketItemResponse,
  basketItemResponseSchema,
  basketItemSchema,
} from './basket-item.js';
export { type Counterparty, counterpartySchema } from './counterparty.js';
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
  CUSTOMER_TYPES,
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
  responseCurrencySchema,
  responseCustomerTypeSchema,
  responseItemTypeSchema,
  responseOrderStatusSchema,
  responsePaymentTypeSchema,
  responseRefundStatusSchema,
  responseShipmentStatusSchema,
  responseVatCodeSchema,
  roundPolicySchema,
  SHIPMENT_STATUSES,
  type ShipmentStatus,
  shipmentStatusSchema,
  tolerantEnum,
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
  responseNumberSchema,
} from './primitives.js';
export {
  type CreateRefundRequest,
  createRefundRequestSchema,
  type Refund,
  type RefundableItem,
  type RefundableItemResponse,
  refundableItemResponseSchema,
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
