import { TRPCClientError } from '@trpc/client';
import { describe, expect, it } from 'vitest';
import { describeApiError, isDefiniteRejection, isRetryableError } from './api-error';

function serverError(code: string, message = 'x', extra: Record<string, unknown> = {}) {
  return new TRPCClientError(message, {
    result: { error: { code: -32600, message, data: { code, httpStatus: 400, ...extra } } },
  });
}

describe('describeApiError', () => {
  it('says something a shopper understands for each kind of failure', () => {
    expect(describeApiError(new TRPCClientError('fetch failed')).message).toMatch(/Нет связи/);
    expect(describeApiError(serverError('TOO_MANY_REQUESTS')).message).toMatch(/Подождите/);
    expect(describeApiError(serverError('BAD_GATEWAY')).message).toMatch(/временно недоступен/);
    expect(describeApiError(serverError('SOMETHING_NEW')).message).toMatch(/Не получилось/);
  });

  it('picks the offending fields out of zod issues in the message or the error data', () => {
    const issues = JSON.stringify([{ path: ['customer', 'vatNumber'], message: 'bad inn' }]);
    expect(describeApiError(serverError('BAD_REQUEST', issues)).fields).toEqual({ vatNumber: true });
    const flattened = serverError('BAD_REQUEST', 'x', { zodError: { fieldErrors: { email: ['bad'] } } });
    expect(describeApiError(flattened).fields).toEqual({ email: true });
  });

  it('explains a stale cart instead of pointing at a field the shopper cannot see', () => {
    const fields = [{ path: ['lines', 1, 'sku'], message: 'unknown product sku "gone"' }];
    expect(describeApiError(serverError('BAD_REQUEST', 'x', { fields })).message).toMatch(
      /больше недоступна/,
    );
  });

  it('knows which errors may pass and which mean nothing was created', () => {
    expect(isRetryableError(new TRPCClientError('fetch failed'))).toBe(true);
    expect(isRetryableError(serverError('NOT_FOUND'))).toBe(false);
    expect(isDefiniteRejection(serverError('BAD_REQUEST'))).toBe(true);
    expect(isDefiniteRejection(serverError('INTERNAL_SERVER_ERROR'))).toBe(false);
  });
});
