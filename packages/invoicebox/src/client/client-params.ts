import type { BasketItem } from '../schemas/basket-item.js';
import type { CreateOrderRequest } from '../schemas/create-order.js';
import type { Customer } from '../schemas/customer.js';
import type { Currency } from '../schemas/enums.js';
import type { DateRange } from './query.js';
import type { RetryOptions } from './retry.js';
import type { ResponseInfo } from './transport.js';
import type { BasketValidation } from './validate-request.js';

/** Connection settings for createInvoiceboxClient; only `baseUrl` and `token` are required. */
export interface InvoiceboxClientOptions {
  /** `https://api.invoicebox.ru`, or the sandbox URL. No version segment. */
  baseUrl: string;
  token: string;
  apiVersion?: 'v3' | 'l3';
  /** Default `invoicebox-checkout/<version> (Node.js/<version>)`. */
  userAgent?: string;
  /** Per attempt; default 20 000 ms. */
  timeoutMs?: number;
  /** A fetch to send requests with (proxy, tracing, tests); default the global fetch. */
  fetch?: typeof fetch;
  retry?: RetryOptions;
  /** Called after every HTTP response (including retried ones), for logs and metrics; never sees the token. */
  onResponse?: (info: ResponseInfo) => void;
  /**
   * Check basket arithmetic locally before create/update/refund/correction (throws InvoiceboxBasketError).
   * `true` (default): the server's documented checks; `'strict'`: also each line's VAT against its rate;
   * `false`: send as is.
   */
  validateBaskets?: BasketValidation;
}

/** Paging of list endpoints; Invoicebox numbers pages from 1. */
export interface PageParams {
  page?: number;
  pageSize?: number;
}

/** Filters of `GET /filter/api/order/order`; absent fields do not filter. */
export interface FindOrdersParams extends PageParams {
  id?: string;
  merchantOrderId?: string;
  status?: string | string[];
  createdAt?: DateRange;
  paidAt?: DateRange;
  order?: Record<string, 'asc' | 'desc'>;
}

/** Filters of `GET /filter/api/order/refund-order`; `parentId` is the paid order the refunds belong to. */
export interface FindRefundsParams extends PageParams {
  id?: string;
  parentId?: string;
  merchantOrderId?: string;
  status?: string | string[];
}

/** Filters of the shipment list: the shipments (delivery receipts) of one order. */
export interface ListShipmentsParams extends PageParams {
  orderId: string;
}

/** A correction order: a create-order request whose `parentId` is the draft refund it corrects. */
export type CreateCorrectionOrderRequest = CreateOrderRequest & { parentId: string };

/**
 * Input of refundWithFee: a refund of the full-price lines plus a correction order for what the shop keeps. Amounts
 * in the basket items are roubles, as on the wire.
 */
export interface RefundWithFeeParams {
  /** The paid order. */
  parentId: string;
  /** The refund's own number (unique per refund, at most 100 characters). */
  merchantOrderId: string;
  description: string;
  /** The lines given back, at their full price. */
  refundItems: BasketItem[];
  /** The lines the shop keeps (fee, penalty, service charge): the correction order's basket. */
  feeItems: BasketItem[];
  merchantId: string;
  /** Default 'RUB'. */
  currencyId?: Currency;
  /** The correction order's payer; default none given (`{}`). */
  customer?: Customer;
  /** The correction order's expiration; default 24 hours from now. */
  expirationDate?: string;
  /** Default `<merchantOrderId>-fee`. */
  feeMerchantOrderId?: string;
  /** Default `description`. */
  feeDescription?: string;
}
