import { z } from 'zod';
import {
  type CreateOrderRequest,
  createOrderRequestSchema,
  type UpdateOrderRequest,
  updateOrderRequestSchema,
} from '../schemas/create-order.js';
import { authInfoSchema, dataEnvelope, type ListMetaData, listEnvelope } from '../schemas/envelopes.js';
import { orderSchema } from '../schemas/order.js';
import {
  type CreateRefundRequest,
  createRefundRequestSchema,
  refundableItemSchema,
  refundSchema,
} from '../schemas/refund.js';
import {
  type CreateShipmentRequest,
  createShipmentRequestSchema,
  shipmentSchema,
} from '../schemas/shipment.js';
import { PACKAGE_VERSION } from '../version.js';
import { InvoiceboxResponseError, InvoiceboxUnknownResultError } from './errors.js';
import { type DateRange, FilterQuery } from './query.js';
import { type RetryOptions, resolveRetry } from './retry.js';
import { type HttpMethod, type ResponseInfo, sendRequest, type TransportConfig } from './transport.js';
import { checkBasketAmounts, validateRequest } from './validate-request.js';

export interface InvoiceboxClientOptions {
  /** `https://api.invoicebox.ru`, or the sandbox URL. No version segment. */
  baseUrl: string;
  token: string;
  apiVersion?: 'v3' | 'l3';
  /** Default `invoicebox-checkout/<version> (Node.js/<version>)`. */
  userAgent?: string;
  /** Per attempt; default 20 000 ms. */
  timeoutMs?: number;
  fetch?: typeof fetch;
  retry?: RetryOptions;
  onResponse?: (info: ResponseInfo) => void;
  /** Check basket arithmetic locally before create/update/refund (throws InvoiceboxBasketError). Default true. */
  validateBaskets?: boolean;
}

export interface FindOrdersParams {
  id?: string;
  merchantOrderId?: string;
  status?: string | string[];
  createdAt?: DateRange;
  paidAt?: DateRange;
  page?: number;
  pageSize?: number;
  order?: Record<string, 'asc' | 'desc'>;
}

export interface FindRefundsParams {
  id?: string;
  parentId?: string;
  merchantOrderId?: string;
  status?: string | string[];
  page?: number;
  pageSize?: number;
}

const orderEnvelope = dataEnvelope(orderSchema);
const orderList = listEnvelope(orderSchema);
const refundEnvelope = dataEnvelope(refundSchema);
const refundList = listEnvelope(refundSchema);
const refundableEnvelope = dataEnvelope(z.array(refundableItemSchema));
const shipmentEnvelope = dataEnvelope(shipmentSchema);
const authEnvelope = dataEnvelope(authInfoSchema);

export function createInvoiceboxClient(options: InvoiceboxClientOptions) {
  const config: TransportConfig = {
    baseUrl: options.baseUrl.replace(/\/+$/, '').replace(/\/[vl]3$/, ''),
    token: options.token,
    apiVersion: options.apiVersion ?? 'v3',
    userAgent:
      options.userAgent ?? `invoicebox-checkout/${PACKAGE_VERSION} (Node.js/${process.versions.node})`,
    timeoutMs: options.timeoutMs ?? 20_000,
    fetch: options.fetch ?? globalThis.fetch,
    retry: resolveRetry(options.retry),
    onResponse: options.onResponse,
  };
  const validateBaskets = options.validateBaskets ?? true;

  async function call<T extends z.ZodType>(method: HttpMethod, path: string, schema: T, body?: unknown) {
    const response = await sendRequest(config, method, path, body);
    const parsed = schema.safeParse(response.body);
    if (parsed.success) return { parsed: parsed.data as z.infer<T>, requestId: response.requestId };
    const where = `/${config.apiVersion}${path}`;
    const detail = `unexpected response body (${parsed.error.issues[0]?.message ?? 'invalid'})`;
    const init = { status: response.status, requestId: response.requestId, cause: parsed.error };
    if (method !== 'GET') throw new InvoiceboxUnknownResultError(detail, { ...init, method, path: where });
    throw new InvoiceboxResponseError(`${method} ${where}: ${detail}`, init);
  }

  async function single<T extends z.ZodType<{ data: unknown }>>(
    method: HttpMethod,
    path: string,
    schema: T,
    body?: unknown,
  ) {
    const { parsed, requestId } = await call(method, path, schema, body);
    return { data: parsed.data as z.infer<T>['data'], requestId };
  }

  async function list<T extends z.ZodType<{ data: unknown[]; metaData: ListMetaData }>>(
    path: string,
    schema: T,
  ) {
    const { parsed, requestId } = await call('GET', path, schema);
    return { data: parsed.data as z.infer<T>['data'], metaData: parsed.metaData, requestId };
  }

  const id = (value: string) => encodeURIComponent(value);

  return {
    /** `GET /security/api/auth/auth`: `userId` is null when the token was not recognised as a user. */
    checkAuth: () => single('GET', '/security/api/auth/auth', authEnvelope),

    createOrder: async (request: CreateOrderRequest) => {
      const body = validateRequest(createOrderRequestSchema, request);
      if (validateBaskets) checkBasketAmounts(body);
      return single('POST', '/billing/api/order/order', orderEnvelope, body);
    },

    getOrder: (orderId: string) => single('GET', `/billing/api/order/order/${id(orderId)}`, orderEnvelope),

    findOrders: async (params: FindOrdersParams = {}) => {
      const query = new FilterQuery()
        .equal('id', params.id)
        .equal('merchantOrderId', params.merchantOrderId)
        .oneOrMany('status', params.status)
        .range('createdAt', params.createdAt)
        .range('paidAt', params.paidAt)
        .paging(params.page, params.pageSize)
        .sort(params.order);
      return list(`/filter/api/order/order${query}`, orderList);
    },

    updateOrder: async (orderId: string, patch: UpdateOrderRequest) => {
      const body = validateRequest(updateOrderRequestSchema, patch);
      if (validateBaskets) checkBasketAmounts(body);
      return single('PUT', `/billing/api/order/order/${id(orderId)}`, orderEnvelope, body);
    },

    cancelOrder: (orderId: string) =>
      single('DELETE', `/billing/api/order/order/${id(orderId)}`, orderEnvelope),

    getRefundableItems: (orderId: string) =>
      single('GET', `/billing/api/order/order/${id(orderId)}/refund-basket-item`, refundableEnvelope),

    createRefund: async (request: CreateRefundRequest) => {
      const body = validateRequest(createRefundRequestSchema, request);
      if (validateBaskets) checkBasketAmounts(body);
      return single('POST', '/billing/api/order/refund-order', refundEnvelope, body);
    },

    findRefunds: async (params: FindRefundsParams = {}) => {
      const query = new FilterQuery()
        .equal('id', params.id)
        .equal('parentId', params.parentId)
        .equal('merchantOrderId', params.merchantOrderId)
        .oneOrMany('status', params.status)
        .paging(params.page, params.pageSize);
      return list(`/filter/api/order/refund-order${query}`, refundList);
    },

    createShipment: async (request: CreateShipmentRequest) => {
      const body = validateRequest(createShipmentRequestSchema, request);
      return single('POST', '/billing/api/order/shipment', shipmentEnvelope, body);
    },
  };
}

export type InvoiceboxClient = ReturnType<typeof createInvoiceboxClient>;
