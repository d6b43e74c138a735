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
export { InvoiceboxSignatureError, type SignatureErrorReason } from './signature-error.js';
export { verifyNotification } from './verify-notification.js';
