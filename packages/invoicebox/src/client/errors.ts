import { InvoiceboxError } from '../errors.js';
import type { ApiErrorField } from '../schemas/envelopes.js';

interface HttpErrorInit {
  status: number;
  code: string;
  fields?: ApiErrorField[];
  requestId: string | null;
  method: string;
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

  constructor(
    detail: string,
    init: { method: string; path: string; status: number | null; requestId: string | null; cause?: unknown },
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
  }
}

/** A successful read whose body does not match the expected schema (unexpected API change or wrong base URL). */
export class InvoiceboxResponseError extends InvoiceboxError {
  override name = 'InvoiceboxResponseError';
  readonly status: number;
  readonly requestId: string | null;

  constructor(message: string, init: { status: number; requestId: string | null; cause?: unknown }) {
    super(message, { cause: init.cause });
    this.status = init.status;
    this.requestId = init.requestId;
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
