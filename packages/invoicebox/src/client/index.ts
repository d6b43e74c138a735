export type * from './client-params.js';
export { createInvoiceboxClient, type InvoiceboxClient } from './create-client.js';
export {
  type HttpErrorInit,
  InvoiceboxApiError,
  InvoiceboxAuthError,
  InvoiceboxNetworkError,
  InvoiceboxNotFoundError,
  InvoiceboxOrderStatusError,
  InvoiceboxRateLimitError,
  InvoiceboxRefundWithFeeError,
  InvoiceboxRequestError,
  InvoiceboxResponseError,
  InvoiceboxUnknownResultError,
} from './errors.js';
export type { FieldIssue } from './field-path.js';
export type { DateBound, DateRange } from './query.js';
export { parseRetryAfter, type RetryOptions } from './retry.js';
export type { HttpMethod, ResponseInfo } from './transport.js';
export type { BasketValidation } from './validate-request.js';
