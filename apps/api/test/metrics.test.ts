import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { signedTestNotification } from '@checkout/invoicebox/testing';
import { describe, expect, it } from 'vitest';
import { countRateLimitRejection } from '../src/metrics.js';
import { deliverNotification, startTestApi, TEST_SIGNING, withSignature } from '../testing/index.js';
import { DRIVERS } from './support/databases.js';
import { checkoutInput } from './support/fixtures.js';
import { useHarness } from './support/harness.js';
import { metric } from './support/metrics.js';
import { seedAwaitingOrder } from './support/seed-order.js';

for (const driver of DRIVERS) {
  describe.skipIf(driver.skip)(`GET /metrics on ${driver.name}`, () => {
    const h = useHarness(driver.name);

    it('is Prometheus text and counts requests per route and per tRPC procedure', async () => {
      const response = await fetch(`${h.api.url}/metrics`);
      expect(response.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
      expect(await response.text()).toContain('# TYPE http_request_duration_seconds histogram');

      const health = { route: '/healthz', method: 'GET', status: '200' };
      const before = await metric(h.api.url, 'http_request_duration_seconds_count', health);
      await fetch(`${h.api.url}/healthz`);
      expect(await metric(h.api.url, 'http_request_duration_seconds_count', health)).toBe(before + 1);

      const catalog = { route: 'trpc:catalog.list', method: 'GET', status: '200' };
      const listed = await metric(h.api.url, 'http_request_duration_seconds_count', catalog);
      await fetch(`${h.api.url}/trpc/catalog.list`);
      expect(await metric(h.api.url, 'http_request_duration_seconds_count', catalog)).toBe(listed + 1);

      // An unknown procedure name does not become a series of its own.
      await fetch(`${h.api.url}/trpc/no.such.${Date.now()}`);
      expect(await (await fetch(`${h.api.url}/metrics`)).text()).not.toContain('no.such');
    });

    it('counts Invoicebox calls by endpoint and outcome, and order transitions', async () => {
      const create = { endpoint: '/v3/billing/api/order/order', method: 'POST', outcome: '2xx' };
      const calls = await metric(h.api.url, 'invoicebox_call_duration_seconds_count', create);
      const placed = { from: 'pending', to: 'awaiting_payment', source: 'checkout' };
      const transitions = await metric(h.api.url, 'order_transitions_total', placed);
      await h.http().orders.create.mutate(checkoutInput());
      expect(await metric(h.api.url, 'invoicebox_call_duration_seconds_count', create)).toBe(calls + 1);
      expect(await metric(h.api.url, 'order_transitions_total', placed)).toBe(transitions + 1);
    });

    it('counts Invoicebox 429 answers and unreachable Invoicebox apart', async () => {
      const tooMany = createServer((_req, res) => {
        res.writeHead(429, { 'content-type': 'application/json', 'retry-after': '0' });
        res.end('{"error":{"code":"too_many_requests","title":"Too many requests"}}');
      });
      await new Promise<void>((resolve) => tooMany.listen(0, '127.0.0.1', resolve));
      const port = (tooMany.address() as AddressInfo).port;
      const create = { endpoint: '/v3/billing/api/order/order', method: 'POST' };
      for (const [invoiceboxApiUrl, outcome] of [
        [`http://127.0.0.1:${port}`, '429'],
        ['http://127.0.0.1:9', 'network'],
      ] as const) {
        const { api } = await startTestApi({
          database: h.database,
          sandbox: false,
          invoiceboxApiUrl,
          invoiceboxRetry: { retries: 0 },
        });
        try {
          const before = await metric(api.url, 'invoicebox_call_duration_seconds_count', {
            ...create,
            outcome,
          });
          await expect(api.caller().orders.create(checkoutInput())).rejects.toThrow();
          expect(
            await metric(api.url, 'invoicebox_call_duration_seconds_count', { ...create, outcome }),
          ).toBeGreaterThan(before);
        } finally {
          await api.close();
        }
      }
      tooMany.close();
    });

    it('counts notifications by answer and the paid transition', async () => {
      const { remote } = await seedAwaitingOrder(h.database);
      const paid = { from: 'awaiting_payment', to: 'paid', source: 'notification' };
      const [success, badSignature, transitions] = await Promise.all([
        metric(h.api.url, 'invoicebox_notifications_total', { answer: 'success' }),
        metric(h.api.url, 'invoicebox_notifications_total', { answer: 'signature_error' }),
        metric(h.api.url, 'order_transitions_total', paid),
      ]);
      const request = signedTestNotification({ ...remote, status: 'completed' }, TEST_SIGNING);
      await deliverNotification(h.api.url, withSignature(request, 'f'.repeat(40)));
      await deliverNotification(h.api.url, request);
      expect(await metric(h.api.url, 'invoicebox_notifications_total', { answer: 'success' })).toBe(
        success + 1,
      );
      expect(await metric(h.api.url, 'invoicebox_notifications_total', { answer: 'signature_error' })).toBe(
        badSignature + 1,
      );
      expect(await metric(h.api.url, 'order_transitions_total', paid)).toBe(transitions + 1);
    });

    it('reports reconciler lag and counts rate-limit rejections reported by the limiters', async () => {
      expect(await metric(h.api.url, 'reconciler_lag_seconds')).toBeGreaterThanOrEqual(0);
      await h.api.reconciler.runOnce();
      expect(await metric(h.api.url, 'reconciler_lag_seconds')).toBeLessThan(5);

      const before = await metric(h.api.url, 'rate_limit_rejections_total', { scope: 'test' });
      countRateLimitRejection('test');
      expect(await metric(h.api.url, 'rate_limit_rejections_total', { scope: 'test' })).toBe(before + 1);
    });
  });
}
