import { InvoiceboxError } from '../errors.js';
import type { ApiErrorField } from '../schemas/envelopes.js';
import type { FieldIssue } from './field-path.js';

/** What an InvoiceboxApiError carries about the failed HTTP exchange. */
export interface HttpErrorInit {
  /** HTTP status code. */
  status: number;
  /** Invoicebox's error code from the envelope, e.g. `unauthorized`. */
  code: string;
  /** Per-field errors from the envelope, when Invoicebox sent them. */
  fields?: ApiErrorField[];
  /** `X-Request-Id` of the response, for Invoicebox support. */
  requestId: string | null;
  /** HTTP method of the request. */
  method: string;
  /** Request path with the API version, e.g. `/v3/billing/api/order/order`. */
  path: string;
}

/** Invoicebox answered with an error envelope (HTTP >= 400): `code`, `fields` and the `X-Request-Id` for support. */
export class InvoiceboxApiError extends InvoiceboxError {
  override name = 'InvoiceboxApiError';
  readonly status: number;
  readonly code: string;
  readonly fields: ApiErrorField[];
  readonly requestId: string | null;
  readonly method: string;
  readonly path: string;

  constructor(message: string, init: HttpErrorInit) {
    super(message);
    this.status = init.status;
    this.code = init.code;
    this.fields = init.fields ?? [];
    this.requestId = init.requestId;
    this.method = init.method;
    this.path = init.path;
  }
}

/**
 * The object does not exist at Invoicebox (HTTP 404, or an order that neither the single-order path nor the filter
 * endpoint knows). An InvoiceboxApiError, so existing `status === 404` checks keep working.
 */
export class InvoiceboxNotFoundError extends InvoiceboxApiError {
  override name = 'InvoiceboxNotFoundError';
}

/** 401/403: the token is wrong, revoked, or lacks rights for this object. Retrying will not help. */
export class InvoiceboxAuthError extends InvoiceboxError {
  override name = 'InvoiceboxAuthError';
  readonly status: number;
  readonly code: string;
  readonly requestId: string | null;

  constructor(message: string, init: { status: number; code: string; requestId: string | null }) {
    super(message);
    this.status = init.status;
    this.code = init.code;
    this.requestId = init.requestId;
  }
}

/** 429 after the allowed retries (or on a write, which is never retried). `retryAfterMs` from `Retry-After` if sent. */
export class InvoiceboxRateLimitError extends InvoiceboxError {
  override name = 'InvoiceboxRateLimitError';
  readonly status = 429;
  readonly retryAfterMs: number | null;
  readonly requestId: string | null;

  constructor(message: string, init: { retryAfterMs: number | null; requestId: string | null }) {
    super(message);
    this.retryAfterMs = init.retryAfterMs;
    this.requestId = init.requestId;
  }
}

/** No response: connection failed or the timeout fired. For writes only when the request provably never left. */
export class InvoiceboxNetworkError extends InvoiceboxError {
  override name = 'InvoiceboxNetworkError';
  readonly timeout: boolean;

  constructor(message: string, init: { timeout: boolean; cause?: unknown }) {
    super(message, { cause: init.cause });
    this.timeout = init.timeout;
  }
}

/**
 * A write (POST/PUT/DELETE) was sent but its outcome is unknown (timeout, dropped connection, 5xx, unreadable 2xx).
 * It may have been applied. Never retried automatically: look the order up by merchantOrderId first.
 */
export class InvoiceboxUnknownResultError extends InvoiceboxError {
  override name = 'InvoiceboxUnknownResultError';
  readonly method: string;
  readonly path: string;
  readonly status: number | null;
  readonly requestId: string | null;
  /** When the answer arrived but did not match the schema: every problem, each naming its field. */
  readonly issues: FieldIssue[];

  constructor(
    detail: string,
    init: {
      method: string;
      path: string;
      status: number | null;
      requestId: string | null;
      cause?: unknown;
      issues?: FieldIssue[];
    },
  ) {
    super(
      `${init.method} ${init.path}: ${detail}. The request may or may not have been applied by Invoicebox. ` +
        'Do not simply send it again: look the order (or refund) up by its merchantOrderId first ' +
        '(findOrders({ merchantOrderId }) / findRefunds({ merchantOrderId })) and create it again only if it is absent.',
      { cause: init.cause },
    );
    this.method = init.method;
    this.path = init.path;
    this.status = init.status;
    this.requestId = init.requestId;
    this.issues = init.issues ?? [];
  }
}

/**
 * A successful read whose body does not match the expected schema (unexpected API change or wrong base URL). The
 * message names the first bad field (`data[0].basketItems[1].amount: expected number, received "abc"`); `issues`
 * holds all of them.
 */
export class InvoiceboxResponseError extends InvoiceboxError {
  override name = 'InvoiceboxResponseError';
  readonly status: number;
  readonly requestId: string | null;
  readonly issues: FieldIssue[];

  constructor(
    message: string,
    init: { status: number; requestId: string | null; cause?: unknown; issues?: FieldIssue[] },
  ) {
    super(message, { cause: init.cause });
    this.status = init.status;
    this.requestId = init.requestId;
    this.issues = init.issues ?? [];
  }
}

/** Refused locally: the order's status does not allow the operation (e.g. releaseHold on an order not in `hold`). */
export class InvoiceboxOrderStatusError extends InvoiceboxError {
  override name = 'InvoiceboxOrderStatusError';
  readonly code = 'wrong_order_status';
  readonly orderId: string;
  readonly orderStatus: string;

  constructor(message: string, init: { orderId: string; orderStatus: string }) {
    super(message);
    this.orderId = init.orderId;
    this.orderStatus = init.orderStatus;
  }
}

/**
 * refundWithFee created the draft refund but the correction order failed (`cause`). The draft is still there:
 * finish it with createCorrectionOrder({ parentId: draftRefundId, ... }) or cancel it in the cabinet.
 */
export class InvoiceboxRefundWithFeeError extends InvoiceboxError {
  override name = 'InvoiceboxRefundWithFeeError';
  readonly draftRefundId: string;

  constructor(message: string, init: { draftRefundId: string; cause: unknown }) {
    super(message, { cause: init.cause });
    this.draftRefundId = init.draftRefundId;
  }
}

/** A request body rejected locally before sending (schema), each issue naming its field. Nothing was sent. */
export class InvoiceboxRequestError extends InvoiceboxError {
  override name = 'InvoiceboxRequestError';
  readonly issues: { field: string; message: string }[];

  constructor(issues: { field: string; message: string }[]) {
    const first = issues[0];
    super(first ? `Invalid request: ${first.field}: ${first.message}` : 'Invalid request');
    this.issues = issues;
  }
}
