import { z } from 'zod';
import { isValidInn } from '../customer.js';
import { basketItemSchema } from '../schemas/basket-item.js';
import { counterpartySchema } from '../schemas/counterparty.js';
import {
  type CreateOrderRequest,
  createOrderRequestSchema,
  type UpdateOrderRequest,
  updateOrderRequestSchema,
} from '../schemas/create-order.js';
import { normalizeOrderStatus } from '../schemas/enums.js';
import { authInfoSchema, dataEnvelope, type ListMetaData, listEnvelope } from '../schemas/envelopes.js';
import { orderSchema } from '../schemas/order.js';
import { formatAtomDate } from '../schemas/primitives.js';
import {
  type CreateRefundRequest,
  createRefundRequestSchema,
  type Refund,
  refundableItemResponseSchema,
  refundSchema,
} from '../schemas/refund.js';
import {
  type CreateShipmentRequest,
  createShipmentRequestSchema,
  shipmentSchema,
} from '../schemas/shipment.js';
import { PACKAGE_VERSION } from '../version.js';
import type {
  CreateCorrectionOrderRequest,
  FindOrdersParams,
  FindRefundsParams,
  InvoiceboxClientOptions,
  ListShipmentsParams,
  PageParams,
  RefundWithFeeParams,
} from './client-params.js';
import {
  InvoiceboxNotFoundError,
  InvoiceboxOrderStatusError,
  InvoiceboxRefundWithFeeError,
  InvoiceboxRequestError,
  InvoiceboxResponseError,
  InvoiceboxUnknownResultError,
} from './errors.js';
import { fieldIssues } from './field-path.js';
import { FilterQuery, type PagingSpelling } from './query.js';
import { completeRefundableRows, computeRefundableRows } from './refundable.js';
import { resolveRetry } from './retry.js';
import { sumItems } from './sum-items.js';
import { type HttpMethod, sendRequest, type TransportConfig } from './transport.js';
import { checkBasketAmounts, validateRequest } from './validate-request.js';

const orderEnvelope = dataEnvelope(orderSchema);
const orderList = listEnvelope(orderSchema);
const refundEnvelope = dataEnvelope(refundSchema);
const refundList = listEnvelope(refundSchema);
const refundableEnvelope = dataEnvelope(z.array(refundableItemResponseSchema));
const shipmentEnvelope = dataEnvelope(shipmentSchema);
const shipmentList = listEnvelope(shipmentSchema);
const counterpartyEnvelope = dataEnvelope(z.array(counterpartySchema));
const authEnvelope = dataEnvelope(authInfoSchema);
const feeItemsSchema = z.strictObject({
  refundItems: z.array(basketItemSchema).min(1),
  feeItems: z.array(basketItemSchema).min(1),
});

// Pages of refunds read to work out what is left to refund; 50 × 100 refunds of one order is far beyond real use.
const REFUND_PAGE_SIZE = 100;
const MAX_REFUND_PAGES = 50;

/**
 * A typed Invoicebox API v3 client: requests are validated before sending, responses parsed, reads retried, and
 * every failure is a typed InvoiceboxError. Each method resolves to `{ data, requestId }`.
 */
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
    const issues = fieldIssues(parsed.error.issues);
    const first = issues[0];
    const more = issues.length > 1 ? ` (and ${issues.length - 1} more)` : '';
    const detail = `unexpected response body: ${first ? `${first.field}: ${first.message}` : 'invalid'}${more}`;
    const init = { status: response.status, requestId: response.requestId, cause: parsed.error, issues };
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

  /**
   * One page of a collection. We send `_page`/`_pageSize` (Invoicebox's MCP client 0.2.1 and backend boilerplate);
   * the docs say `page`/`pageSize`. A server that ignored our spelling answers with another page (or page size)
   * than asked for in `metaData`, so the request is repeated once with the docs' spelling.
   */
  async function listPage<T extends z.ZodType>(
    schema: ReturnType<typeof listEnvelope<T>>,
    path: string,
    query: (spelling: PagingSpelling) => FilterQuery,
    paging: PageParams,
  ) {
    const { page, pageSize } = paging;
    let { parsed, requestId } = await call('GET', `${path}${query('underscore')}`, schema);
    const meta = parsed.metaData;
    const ignored =
      meta !== undefined &&
      ((page !== undefined && meta.page !== page) || (pageSize !== undefined && meta.pageSize !== pageSize));
    if (ignored) ({ parsed, requestId } = await call('GET', `${path}${query('plain')}`, schema));
    const data = parsed.data as z.infer<T>[];
    const metaData: ListMetaData = parsed.metaData ?? {
      totalCount: data.length,
      pageSize: pageSize ?? data.length,
      page: page ?? 1,
    };
    return { data, metaData, requestId };
  }

  const id = (value: string) => encodeURIComponent(value);

  function findOrders(params: FindOrdersParams = {}) {
    const query = (spelling: PagingSpelling) =>
      new FilterQuery()
        .equal('id', params.id)
        .equal('merchantOrderId', params.merchantOrderId)
        .oneOrMany('status', params.status)
        .range('createdAt', params.createdAt)
        .range('paidAt', params.paidAt)
        .paging(params.page, params.pageSize, spelling)
        .sort(params.order);
    return listPage(orderList, '/filter/api/order/order', query, params);
  }

  /**
   * `GET /billing/api/order/order/{id}`: the path Invoicebox's MCP server 0.2.1 (newest source) uses. The docs and
   * both PHP SDKs read one order through the filter endpoint (`/filter/api/order/order?id=`), so on 404 we ask
   * there before answering InvoiceboxNotFoundError.
   */
  async function getOrder(orderId: string) {
    try {
      return await single('GET', `/billing/api/order/order/${id(orderId)}`, orderEnvelope);
    } catch (error) {
      if (!(error instanceof InvoiceboxNotFoundError)) throw error;
    }
    const found = await findOrders({ id: orderId });
    const order = found.data.find((o) => o.id === orderId);
    if (order) return { data: order, requestId: found.requestId };
    const path = `/${config.apiVersion}/billing/api/order/order/${id(orderId)}`;
    throw new InvoiceboxNotFoundError(
      `GET ${path}: order ${orderId} not found (neither the single-order path nor the filter endpoint knows it)`,
      { status: 404, code: 'not_found', requestId: found.requestId, method: 'GET', path },
    );
  }

  function findRefunds(params: FindRefundsParams = {}) {
    const query = (spelling: PagingSpelling) =>
      new FilterQuery()
        .equal('id', params.id)
        .equal('parentId', params.parentId)
        .equal('merchantOrderId', params.merchantOrderId)
        .oneOrMany('status', params.status)
        .paging(params.page, params.pageSize, spelling);
    return listPage(refundList, '/filter/api/order/refund-order', query, params);
  }

  async function allRefundsOf(orderId: string): Promise<Refund[]> {
    const refunds: Refund[] = [];
    for (let page = 1; page <= MAX_REFUND_PAGES; page++) {
      const { data, metaData } = await findRefunds({ parentId: orderId, page, pageSize: REFUND_PAGE_SIZE });
      // The filter is checked again here: a server that ignored it must not lend one order another's refunds.
      refunds.push(...data.filter((refund) => refund.parentId === orderId));
      if (data.length === 0 || page * REFUND_PAGE_SIZE >= metaData.totalCount) break;
    }
    return refunds;
  }

  async function createRefund(request: CreateRefundRequest) {
    const body = validateRequest(createRefundRequestSchema, request);
    checkBasketAmounts(body, validateBaskets);
    return single('POST', '/billing/api/order/refund-order', refundEnvelope, body);
  }

  function checkCorrectionOrder(request: CreateCorrectionOrderRequest) {
    const body = validateRequest(createOrderRequestSchema, request);
    if (!body.parentId) {
      throw new InvoiceboxRequestError([
        {
          field: 'parentId',
          message: 'a correction order needs parentId: the id of the draft refund it corrects',
        },
      ]);
    }
    checkBasketAmounts(body, validateBaskets);
    return body;
  }

  return {
    /** `GET /security/api/auth/auth`: `userId` is null when the token was not recognised as a user. */
    checkAuth: () => single('GET', '/security/api/auth/auth', authEnvelope),

    /** `POST /billing/api/order/order`: creates an order and returns it with the `paymentUrl` to send the buyer to. */
    createOrder: async (request: CreateOrderRequest) => {
      const body = validateRequest(createOrderRequestSchema, request);
      checkBasketAmounts(body, validateBaskets);
      return single('POST', '/billing/api/order/order', orderEnvelope, body);
    },

    /** `GET /billing/api/order/order/{id}`, falling back to the filter endpoint on 404 (see the function above). */
    getOrder,

    /** `GET /filter/api/order/order`: one page of orders with `metaData` (totalCount, page, pageSize). */
    findOrders,

    /** `PUT /billing/api/order/order/{id}`: changes an unpaid order; the basket is checked like on create. */
    updateOrder: async (orderId: string, patch: UpdateOrderRequest) => {
      const body = validateRequest(updateOrderRequestSchema, patch);
      checkBasketAmounts(body, validateBaskets);
      return single('PUT', `/billing/api/order/order/${id(orderId)}`, orderEnvelope, body);
    },

    /** `DELETE /billing/api/order/order/{id}`: cancels an unpaid order so it can no longer be paid. */
    cancelOrder: (orderId: string) =>
      single('DELETE', `/billing/api/order/order/${id(orderId)}`, orderEnvelope),

    /**
     * Cancels a held (pre-authorised) payment: `DELETE /billing/api/order/order/{id}` on an order in `hold`, which
     * Invoicebox answers with a full reversal to the payer. Refused locally (InvoiceboxOrderStatusError) when the
     * order is in another status, because DELETE on an unpaid order cancels it instead. To capture a hold, register
     * a shipment with `final: true`.
     */
    releaseHold: async (orderId: string) => {
      const { data: order } = await getOrder(orderId);
      const status = normalizeOrderStatus(String(order.status));
      if (status !== 'hold') {
        throw new InvoiceboxOrderStatusError(
          `Order ${orderId} is "${order.status}", not "hold": there is no held payment to release. ` +
            (status === 'completed'
              ? 'A paid order is refunded (createRefund).'
              : 'An unpaid order is canceled (cancelOrder).'),
          { orderId, orderStatus: String(order.status) },
        );
      }
      return single('DELETE', `/billing/api/order/order/${id(orderId)}`, orderEnvelope);
    },

    /**
     * `GET /billing/api/order/order/{id}/refund-basket-item`, every row with `availableAmount` and
     * `availableVatAmount` (roubles). Invoicebox's MCP client reads `availableAmount` from these rows; the PHP SDK's
     * fixture shows rows without it. Then the client works it out: the order's line totals (getOrder) minus the
     * lines of its refunds (findRefunds by parentId, every page; canceled ones excluded, drafts included), per sku;
     * rows with nothing left are dropped.
     */
    getRefundableItems: async (orderId: string) => {
      const { data: rows, requestId } = await single(
        'GET',
        `/billing/api/order/order/${id(orderId)}/refund-basket-item`,
        refundableEnvelope,
      );
      const complete = completeRefundableRows(rows, requestId);
      if (complete) return { data: complete, requestId };
      const { data: order } = await getOrder(orderId);
      const refunds = await allRefundsOf(orderId);
      return { data: computeRefundableRows(rows, order, refunds, requestId), requestId };
    },

    /** `POST /billing/api/order/refund-order`: refunds the given lines of a paid order (amounts in roubles). */
    createRefund,

    /** `GET /filter/api/order/refund-order`: one page of refunds with `metaData`. */
    findRefunds,

    /** `POST /billing/api/order/correction-order`: the fee kept from a draft refund (`parentId` = its id). */
    createCorrectionOrder: async (request: CreateCorrectionOrderRequest) => {
      const body = checkCorrectionOrder(request);
      return single('POST', '/billing/api/order/correction-order', orderEnvelope, body);
    },

    /**
     * A refund that keeps a fee (docs: refund with a correction order): a draft refund of `refundItems`, then a
     * correction order of `feeItems` on it; the payer gets the difference. Both requests are checked before anything
     * is sent. Writes are never retried: if the correction order fails, InvoiceboxRefundWithFeeError carries the
     * draft refund's id (`draftRefundId`) so it can be finished (createCorrectionOrder) or canceled.
     */
    refundWithFee: async (params: RefundWithFeeParams) => {
      const items = validateRequest(feeItemsSchema, {
        refundItems: params.refundItems,
        feeItems: params.feeItems,
      });
      const refundSum = sumItems(items.refundItems);
      const feeSum = sumItems(items.feeItems);
      const refundRequest = validateRequest(createRefundRequestSchema, {
        parentId: params.parentId,
        merchantOrderId: params.merchantOrderId,
        amount: refundSum.amount,
        vatAmount: refundSum.vatAmount,
        basketItems: items.refundItems,
        description: params.description,
        status: 'draft',
      });
      checkBasketAmounts(refundRequest, validateBaskets);
      const correction = (parentId: string): CreateCorrectionOrderRequest => ({
        parentId,
        merchantId: params.merchantId,
        merchantOrderId: params.feeMerchantOrderId ?? `${params.merchantOrderId}-fee`,
        description: params.feeDescription ?? params.description,
        amount: feeSum.amount,
        vatAmount: feeSum.vatAmount,
        currencyId: params.currencyId ?? 'RUB',
        expirationDate: params.expirationDate ?? formatAtomDate(new Date(Date.now() + 24 * 3600_000)),
        basketItems: items.feeItems,
        customer: params.customer ?? {},
      });
      checkCorrectionOrder(correction('pending-draft-refund-id'));

      const draft = await single('POST', '/billing/api/order/refund-order', refundEnvelope, refundRequest);
      try {
        const order = await single(
          'POST',
          '/billing/api/order/correction-order',
          orderEnvelope,
          checkCorrectionOrder(correction(draft.data.id)),
        );
        return { data: { refund: draft.data, correctionOrder: order.data }, requestId: order.requestId };
      } catch (error) {
        throw new InvoiceboxRefundWithFeeError(
          `The draft refund ${draft.data.id} was created but its correction order failed: ${(error as Error).message} ` +
            `Finish it with createCorrectionOrder({ parentId: '${draft.data.id}', ... }) or cancel the draft.`,
          { draftRefundId: draft.data.id, cause: error },
        );
      }
    },

    /** Shipment (goods shipped / service rendered); `final: true` closes the order and captures a hold. */
    createShipment: async (request: CreateShipmentRequest) => {
      const body = validateRequest(createShipmentRequestSchema, request);
      return single('POST', '/billing/api/order/shipment', shipmentEnvelope, body);
    },

    /**
     * Shipments of one order. `GET /billing/api/order/shipment?orderId=` is what Invoicebox's MCP client uses; the
     * docs list `GET /filter/api/order/shipment`, asked on 404. The MCP client notes the filter may be ignored, so
     * rows of other orders are dropped.
     */
    listShipments: async (params: ListShipmentsParams) => {
      const query = (spelling: PagingSpelling) =>
        new FilterQuery().equal('orderId', params.orderId).paging(params.page, params.pageSize, spelling);
      let result: Awaited<ReturnType<typeof listPage<typeof shipmentSchema>>>;
      try {
        result = await listPage(shipmentList, '/billing/api/order/shipment', query, params);
      } catch (error) {
        if (!(error instanceof InvoiceboxNotFoundError)) throw error;
        result = await listPage(shipmentList, '/filter/api/order/shipment', query, params);
      }
      return { ...result, data: result.data.filter((shipment) => shipment.orderId === params.orderId) };
    },

    /**
     * Company lookup by INN: `GET /filter/api/counterparty-detail?vatNumber=`. The INN checksum is checked first
     * (InvoiceboxRequestError naming `vatNumber`), as Invoicebox's MCP client does, so a typo costs no request.
     */
    findCounterparties: async (vatNumber: string) => {
      const inn = typeof vatNumber === 'string' ? vatNumber.trim() : '';
      if (!isValidInn(inn)) {
        throw new InvoiceboxRequestError([
          {
            field: 'vatNumber',
            message: `${JSON.stringify(vatNumber)} is not a valid INN (10 digits for a company, 12 for a person or ИП, with a valid checksum)`,
          },
        ]);
      }
      const query = new FilterQuery().equal('vatNumber', inn);
      return single('GET', `/filter/api/counterparty-detail${query}`, counterpartyEnvelope);
    },
  };
}

/** The client createInvoiceboxClient returns, for typing the places that receive it. */
export type InvoiceboxClient = ReturnType<typeof createInvoiceboxClient>;
