import { errorEnvelopeSchema } from '../schemas/envelopes.js';
import {
  InvoiceboxApiError,
  InvoiceboxAuthError,
  InvoiceboxNetworkError,
  InvoiceboxNotFoundError,
  InvoiceboxRateLimitError,
  InvoiceboxResponseError,
  InvoiceboxUnknownResultError,
} from './errors.js';
import { backoffDelay, parseRetryAfter, RETRYABLE_STATUSES, type ResolvedRetry, sleep } from './retry.js';

/** The HTTP methods Invoicebox API v3 uses. */
export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'DELETE';

/** One HTTP exchange as reported to `onResponse`: enough for logs and latency metrics, no bodies or token. */
export interface ResponseInfo {
  method: HttpMethod;
  path: string;
  status: number;
  requestId: string | null;
  durationMs: number;
}

export interface TransportConfig {
  /** e.g. `https://api.invoicebox.ru`; the API version segment is added per request. */
  baseUrl: string;
  token: string;
  apiVersion: 'v3' | 'l3';
  userAgent: string;
  timeoutMs: number;
  fetch: typeof fetch;
  retry: ResolvedRetry;
  onResponse?: (info: ResponseInfo) => void;
}

export interface JsonResponse {
  status: number;
  body: unknown;
  requestId: string | null;
}

// Connection-level failures where the request provably never reached the server, so even a write is safe to repeat.
const NOT_SENT_CODES = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'UND_ERR_CONNECT_TIMEOUT',
]);

function neverSent(error: unknown): boolean {
  const seen = new Set<unknown>();
  const queue: unknown[] = [error];
  while (queue.length > 0) {
    const current = queue.shift();
    if (!current || typeof current !== 'object' || seen.has(current)) continue;
    seen.add(current);
    const { code, cause, errors } = current as { code?: unknown; cause?: unknown; errors?: unknown };
    if (typeof code === 'string' && NOT_SENT_CODES.has(code)) return true;
    queue.push(cause);
    if (Array.isArray(errors)) queue.push(...errors);
  }
  return false;
}

function describe(error: unknown): string {
  const cause = (error as { cause?: { code?: string; message?: string } })?.cause;
  return cause?.code ?? cause?.message ?? (error as Error)?.message ?? String(error);
}

function parseJson(text: string): { ok: true; value: unknown } | { ok: false } {
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch {
    return { ok: false };
  }
}

function errorFor(method: HttpMethod, path: string, status: number, text: string, headers: Headers): Error {
  const requestId = headers.get('x-request-id');
  const parsed = parseJson(text);
  const envelope = parsed.ok ? errorEnvelopeSchema.safeParse(parsed.value) : undefined;
  const apiError = envelope?.success ? envelope.data.error : undefined;
  const code = apiError?.code ?? `http_${status}`;
  const summary = `${method} ${path} failed with HTTP ${status}${apiError ? ` ${code}: ${apiError.message}` : ''}`;
  const ref = requestId ? ` (X-Request-Id ${requestId})` : '';
  if (status === 401 || status === 403) {
    return new InvoiceboxAuthError(`${summary}${ref}. Check the API token and the API version (v3/l3).`, {
      status,
      code,
      requestId,
    });
  }
  if (status === 429) {
    const retryAfterMs = parseRetryAfter(headers.get('retry-after'));
    return new InvoiceboxRateLimitError(`${summary}${ref}: rate limit reached`, { retryAfterMs, requestId });
  }
  if (method !== 'GET' && status >= 500) {
    return new InvoiceboxUnknownResultError(`HTTP ${status}${ref}`, { method, path, status, requestId });
  }
  const fields = apiError?.fields?.map((f) => ({ ...f, message: f.message ?? '' }));
  if (status === 404) {
    return new InvoiceboxNotFoundError(`${summary}${ref}`, { status, code, fields, requestId, method, path });
  }
  return new InvoiceboxApiError(`${summary}${ref}`, { status, code, fields, requestId, method, path });
}

/**
 * One API call with the retry policy: reads are repeated on 408/425/429/503 and network failures (honouring
 * Retry-After); writes go out exactly once, and an unclear outcome becomes InvoiceboxUnknownResultError.
 */
export async function sendRequest(
  config: TransportConfig,
  method: HttpMethod,
  apiPath: string,
  body?: unknown,
): Promise<JsonResponse> {
  const path = `/${config.apiVersion}${apiPath}`;
  const url = `${config.baseUrl}${path}`;
  const headers = {
    'Content-Type': 'application/json',
    Accept: 'application/json',
    'User-Agent': config.userAgent,
    Authorization: `Bearer ${config.token}`,
  };
  const payload = body === undefined ? undefined : JSON.stringify(body);
  const isRead = method === 'GET';
  const { retry } = config;

  for (let attempt = 0; ; attempt++) {
    const signal = AbortSignal.timeout(config.timeoutMs);
    const started = performance.now();
    let response: Response;
    let text: string;
    try {
      response = await config.fetch(url, { method, headers, body: payload, signal });
      text = await response.text();
    } catch (error) {
      const timeout = signal.aborted;
      if (isRead && attempt < retry.retries) {
        await sleep(backoffDelay(attempt, retry));
        continue;
      }
      const what = timeout ? `no answer within ${config.timeoutMs} ms` : `network error (${describe(error)})`;
      if (!isRead && !neverSent(error)) {
        throw new InvoiceboxUnknownResultError(what, {
          method,
          path,
          status: null,
          requestId: null,
          cause: error,
        });
      }
      throw new InvoiceboxNetworkError(`${method} ${path}: ${what}`, { timeout, cause: error });
    }
    const requestId = response.headers.get('x-request-id');
    const { status } = response;
    config.onResponse?.({ method, path, status, requestId, durationMs: performance.now() - started });

    if (status >= 200 && status < 300) {
      const parsed = parseJson(text);
      if (parsed.ok) return { status, body: parsed.value, requestId };
      const detail = `HTTP ${status} with a body that is not JSON`;
      if (!isRead) throw new InvoiceboxUnknownResultError(detail, { method, path, status, requestId });
      throw new InvoiceboxResponseError(`${method} ${path}: ${detail}`, { status, requestId });
    }
    if (isRead && RETRYABLE_STATUSES.has(status) && attempt < retry.retries) {
      const retryAfter = parseRetryAfter(response.headers.get('retry-after'));
      // A server asking for a longer pause than we are willing to wait gets a typed error instead.
      if (retryAfter === null || retryAfter <= retry.maxDelayMs) {
        await sleep(retryAfter ?? backoffDelay(attempt, retry));
        continue;
      }
    }
    throw errorFor(method, path, status, text, response.headers);
  }
}
