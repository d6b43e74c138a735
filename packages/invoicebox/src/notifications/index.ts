export {
  isMonitoringProbe,
  MONITORING_PROBE_ORDER_ID,
  NOTIFICATION_ERROR_CODES,
  type NotificationErrorCode,
  type NotificationReply,
  notificationReply,
} from './reply.js';
export { serializeInvoiceboxJson } from './serialize-invoicebox-json.js';
export { signNotification } from './sign-notification.js';
export {
  NOTIFICATION_SIGNATURE_ALGORITHMS,
  type NotificationSignatureAlgorithm,
} from './signature-algorithm.js';
export { InvoiceboxSignatureError, type SignatureErrorReason } from './signature-error.js';
export { type VerifyNotificationOptions, verifyNotification } from './verify-notification.js';
