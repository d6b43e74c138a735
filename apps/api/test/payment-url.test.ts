import { createTRPCClient, httpBatchLink, TRPCClientError } from '@trpc/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { orders } from '../src/db/schema.js';
import { paymentUrlProblem } from '../src/orders/payment-url.js';
import type { AppRouter } from '../src/trpc/root.js';
import { startTestApi, type TestApi } from '../testing/index.js';
import { DRIVERS } from './support/databases.js';
import { checkoutInput } from './support/fixtures.js';

describe('paymentUrl check', () => {
  const prod = 'https://api.invoicebox.ru';
  it('accepts https on the configured Invoicebox site', () => {
    expect(paymentUrlProblem('https://pay.invoicebox.ru/order/abc', prod)).toBeUndefined();
    expect(
      paymentUrlProblem('https://payment.stage.invbox.ru/order/abc', 'https://api.stage.invbox.ru'),
    ).toBeUndefined();
  });

  it('refuses another host, plain http, credentials, non-URLs and a missing link', () => {
    for (const bad of [
      'https://pay.invoicebox.ru.evil.example/order/abc',
      'https://evil.example/order/abc',
      'http://pay.invoicebox.ru/order/abc',
      'https://user:pw@pay.invoicebox.ru/order/abc',
      'javascript:alert(1)',
      'http://localhost:4010/order/abc',
      '/order/abc',
      '',
      undefined,
    ]) {
      expect(paymentUrlProblem(bad, prod), String(bad)).toBeDefined();
    }
    expect(paymentUrlProblem('https://evil.example/o', prod)).toContain('expected https on invoicebox.ru');
  });

  it('accepts the sandbox on loopback (either spelling) or on its own origin, only when configured so', () => {
    expect(paymentUrlProblem('http://localhost:4010/order/a', 'http://127.0.0.1:4010')).toBeUndefined();
    expect(paymentUrlProblem('http://[::1]:4010/order/a', 'http://localhost:4010')).toBeUndefined();
    expect(paymentUrlProblem('http://sandbox.lan:4010/order/a', 'http://sandbox.lan:4010')).toBeUndefined();
    expect(paymentUrlProblem('http://evil.example/order/a', 'http://127.0.0.1:4010')).toBeDefined();
    expect(paymentUrlProblem('http://other.lan:4010/order/a', 'http://sandbox.lan:4010')).toBeDefined();
  });
});

for (const driver of DRIVERS) {
  describe.skipIf(driver.skip)(`a foreign paymentUrl from Invoicebox on ${driver.name}`, () => {
    let stack: TestApi;
    beforeAll(async () => {
      // A sandbox that hands out payment links on another site, as a tampered or misrouted answer would.
      stack = await startTestApi({
        database: driver.name,
        sandbox: { publicUrl: 'https://pay.evil.example' },
      });
    });
    afterAll(() => stack?.close());

    it('is refused with a clear error; the order fails and no link reaches the client', async () => {
      const client = createTRPCClient<AppRouter>({ links: [httpBatchLink({ url: `${stack.url}/trpc` })] });
      const error = await client.orders.create.mutate(checkoutInput()).then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(TRPCClientError);
      const { data, message } = error as TRPCClientError<AppRouter>;
      expect(data?.code).toBe('BAD_GATEWAY');
      expect(message).toContain('payment link we cannot send you to');
      expect(JSON.stringify(error)).not.toContain('evil');
      const rows = await stack.database.db.select().from(orders);
      expect(rows).toHaveLength(1);
      expect(rows[0]?.status).toBe('failed');
      expect(rows[0]?.paymentUrl).toBeNull();
      expect(rows[0]?.failureReason).toContain('https://pay.evil.example/order/');
    });
  });
}
