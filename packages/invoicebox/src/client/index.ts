export {
  createInvoiceboxClient,
  type FindOrdersParams,
  type FindRefundsParams,
  type InvoiceboxClient,
  type InvoiceboxClientOptions,
} from './create-client.js';
export {
  InvoiceboxApiError,
  InvoiceboxAuthError,
  InvoiceboxNetworkError,
  InvoiceboxRateLimitError,
  InvoiceboxRequestError,
  InvoiceboxResponseError,
  InvoiceboxUnknownResultError,
} from './errors.js';
export type { DateRange } from './query.js';
export { parseRetryAfter, type RetryOptions } from './retry.js';
export type { ResponseInfo } from './transport.js';
