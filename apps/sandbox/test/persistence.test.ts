import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startSandbox } from '../src/index.js';
import { AUTH, control, demoShop, docsOrder, parseJson } from './support/fixtures.js';

describe('state in the data file', () => {
  const dir = mkdtempSync(join(tmpdir(), 'sandbox-data-'));
  const dataFile = join(dir, 'nested', 'sandbox.json');
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('orders, payments and deliveries survive a restart; the duplicate check still applies', async () => {
    const options = { port: 0, log: false, rateLimit: false as const, dataFile, merchants: demoShop() };
    const first = await startSandbox(options);
    const request = docsOrder();
    const created = await fetch(`${first.url}/v3/billing/api/order/order`, {
      method: 'POST',
      headers: { ...AUTH, 'content-type': 'application/json' },
      body: JSON.stringify(request),
    });
    const { data: order } = parseJson(await created.text());
    await control(first.url, 'POST', `/_sandbox/orders/${order.id}/pay`, {});
    await first.close();
    expect(parseJson(readFileSync(dataFile, 'utf8')).orders[order.id].order.status).toBe('completed');

    const second = await startSandbox(options);
    try {
      const got = await fetch(`${second.url}/v3/billing/api/order/order/${order.id}`, { headers: AUTH });
      expect(parseJson(await got.text()).data).toMatchObject({ id: order.id, status: 'completed' });
      const { body } = await control(second.url, 'GET', `/_sandbox/orders/${request.merchantOrderId}`);
      expect(body.deliveries.length).toBeGreaterThan(0);
      const again = await fetch(`${second.url}/v3/billing/api/order/order`, {
        method: 'POST',
        headers: { ...AUTH, 'content-type': 'application/json' },
        body: JSON.stringify(request),
      });
      expect(parseJson(await again.text()).error.code).toBe('merchant_order_id_duplicate');
    } finally {
      await second.close();
    }
  });
});
