// Turns whatever the API (or the network) threw into words a shopper understands, plus per-field hints.
import { type ErrorData, errorData } from './error-code';

export { isRetryableError } from './error-code';

export type ApiProblem = {
  /** Sentence for the whole form, in Russian. */
  message: string;
  /** Server-side issues keyed by field name (last path segment, e.g. 'vatNumber'). */
  fields: Record<string, true>;
  code: string | null;
};

const NETWORK_MESSAGE = 'Нет связи с магазином. Проверьте интернет и попробуйте ещё раз.';

const MESSAGES: Record<string, string> = {
  BAD_REQUEST: 'Сервер не принял данные. Проверьте поля, отмеченные ниже.',
  PARSE_ERROR: 'Сервер не принял данные. Проверьте поля, отмеченные ниже.',
  UNAUTHORIZED: 'Нужен действующий ключ доступа сотрудника.',
  FORBIDDEN: 'Нужен действующий ключ доступа сотрудника.',
  NOT_FOUND: 'Заказ не найден. Проверьте ссылку.',
  CONFLICT: 'Заказ уже изменился. Обновите страницу.',
  PRECONDITION_FAILED: 'Сейчас это действие недоступно для заказа. Обновите страницу.',
  UNPROCESSABLE_CONTENT:
    'Платёжный сервис не принял заказ. Проверьте данные покупателя и попробуйте ещё раз.',
  TOO_MANY_REQUESTS: 'Слишком много запросов. Подождите минуту и попробуйте ещё раз.',
  TIMEOUT: 'Платёжный сервис не ответил вовремя. Попробуйте ещё раз через минуту.',
  BAD_GATEWAY: 'Платёжный сервис временно недоступен. Попробуйте ещё раз через минуту.',
  SERVICE_UNAVAILABLE: 'Платёжный сервис временно недоступен. Попробуйте ещё раз через минуту.',
  GATEWAY_TIMEOUT: 'Платёжный сервис не ответил вовремя. Попробуйте ещё раз через минуту.',
  INTERNAL_SERVER_ERROR: 'Что-то пошло не так на нашей стороне. Попробуйте ещё раз через минуту.',
};

function lastKey(path: unknown): string | null {
  if (!Array.isArray(path)) return typeof path === 'string' ? (path.split('.').pop() ?? null) : null;
  const named = path.filter((part): part is string => typeof part === 'string');
  return named.at(-1) ?? null;
}

function collectFields(error: unknown, data: ErrorData | null): Record<string, true> {
  const fields: Record<string, true> = {};
  const add = (key: string | null) => {
    if (key) fields[key] = true;
  };
  const flat = data?.zodError as { fieldErrors?: Record<string, unknown> } | undefined;
  for (const key of Object.keys(flat?.fieldErrors ?? {})) add(key);
  for (const list of [data?.issues, data?.fields]) {
    if (Array.isArray(list))
      for (const issue of list)
        add(
          lastKey(
            (issue as { path?: unknown; field?: unknown }).path ?? (issue as { field?: unknown }).field,
          ),
        );
  }
  // tRPC's default input-validation error carries the zod issues as JSON in the message.
  const message = error instanceof Error ? error.message : '';
  if (message.startsWith('[')) {
    try {
      const issues: unknown = JSON.parse(message);
      if (Array.isArray(issues)) for (const issue of issues) add(lastKey((issue as { path?: unknown }).path));
    } catch {
      // not JSON: nothing to pick up
    }
  }
  return fields;
}

export function describeApiError(error: unknown): ApiProblem {
  const data = errorData(error);
  const code = data?.code ?? null;
  if (!code) return { message: NETWORK_MESSAGE, fields: {}, code: null };
  const fields = collectFields(error, data);
  // A product left the catalog (or a stale cart): the shopper can only refresh, not fix a field.
  if (fields.sku || fields.quantity) {
    return {
      message: 'Часть товаров в корзине больше недоступна. Обновите страницу и проверьте корзину.',
      fields,
      code,
    };
  }
  return { message: MESSAGES[code] ?? 'Не получилось выполнить действие. Попробуйте ещё раз.', fields, code };
}

/** After these the server surely did not create anything, so a fresh idempotency key is safe. */
export function isDefiniteRejection(error: unknown): boolean {
  const code = errorData(error)?.code;
  return (
    code === 'BAD_REQUEST' ||
    code === 'PARSE_ERROR' ||
    code === 'UNPROCESSABLE_CONTENT' ||
    code === 'NOT_FOUND'
  );
}
