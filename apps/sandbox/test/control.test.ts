import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { AUTH, control, docsOrder, parseJson } from './support/fixtures.js';
import { createOrder, useSandbox } from './support/sandbox.js';

const APP_DIR = fileURLToPath(new URL('..', import.meta.url));

describe('control API, dashboard and CLI', () => {
  const sandbox = useSandbox();

  const create = async () =>
    (await createOrder(sandbox)) as {
      id: string;
      merchantOrderId: string;
      orderContainerId: string;
    };

  it('orders are found by id, orderContainerId and merchantOrderId', async () => {
    const order = await create();
    for (const ref of [order.id, order.orderContainerId, order.merchantOrderId]) {
      const { status, body } = await control(sandbox.url, 'GET', `/_sandbox/orders/${ref}`);
      expect(status).toBe(200);
      expect(body.order.id).toBe(order.id);
      expect(body.deliveries).toEqual([]);
    }
    const { body } = await control(sandbox.url, 'GET', '/_sandbox/orders');
    expect(body.orders.map((o: { id: string }) => o.id)).toContain(order.id);
  });

  it('decline keeps the order created; expire ends it; a paid order cannot be expired', async () => {
    const a = await create();
    expect(
      (await control(sandbox.url, 'POST', `/_sandbox/orders/${a.id}/decline`, {})).body.order.status,
    ).toBe('created');
    expect((await control(sandbox.url, 'POST', `/_sandbox/orders/${a.id}/expire`)).body.order.status).toBe(
      'expired',
    );
    const b = await create();
    expect(
      (await control(sandbox.url, 'POST', `/_sandbox/orders/${b.id}/pay`, { card: '4111111111111111' })).body
        .order.status,
    ).toBe('completed');
    const again = await control(sandbox.url, 'POST', `/_sandbox/orders/${b.id}/expire`, {});
    expect(again.status).toBe(422);
    expect(again.body.error.code).toBe('wrong_order_status');
  });

  it('the dashboard lists orders and its buttons are forms that act and come back', async () => {
    const order = await create();
    const page = await (await fetch(`${sandbox.url}/`)).text();
    expect(page).toContain(order.merchantOrderId);
    expect(page).toContain(`action="/_sandbox/orders/${order.id}/pay?redirect=/"`);
    const pay = await fetch(`${sandbox.url}/_sandbox/orders/${order.id}/pay?redirect=/`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: '',
      redirect: 'manual',
    });
    expect(pay.status).toBe(303);
    expect(pay.headers.get('location')).toBe('/');
    const failed = await fetch(`${sandbox.url}/_sandbox/orders/${order.id}/pay?redirect=/`, {
      method: 'POST',
      redirect: 'manual',
    });
    expect(failed.headers.get('location')).toMatch(/^\/\?error=/);
    const after = await (await fetch(`${sandbox.url}/`)).text();
    expect(after).toContain('dashboard-resend');
  });

  it('the dashboard settings form switches notifications to drop and back', async () => {
    const form = (body: string) =>
      fetch(`${sandbox.url}/_sandbox/settings?redirect=/`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body,
        redirect: 'manual',
      });
    expect((await form('mode=drop&dropRate=0.5')).status).toBe(303);
    expect((await control(sandbox.url, 'GET', '/_sandbox/settings')).body).toEqual({
      notifications: { mode: 'drop', dropRate: 0.5 },
    });
    expect((await form('mode=deliver&dropRate=2')).headers.get('location')).toMatch(/^\/\?error=/);
    await form('mode=deliver&dropRate=0');
    expect((await control(sandbox.url, 'GET', '/_sandbox/settings')).body.notifications.mode).toBe('deliver');
  });

  it('the dashboard escapes what shops send', async () => {
    const res = await fetch(`${sandbox.url}/v3/billing/api/order/order`, {
      method: 'POST',
      headers: { ...AUTH, 'content-type': 'application/json' },
      body: JSON.stringify(docsOrder({ merchantOrderId: '<script>alert(1)</script>' })),
    });
    expect(res.status).toBe(200);
    const page = await (await fetch(`${sandbox.url}/`)).text();
    expect(page).not.toContain('<script>alert(1)</script>');
    expect(page).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
  });

  it('the CLI talks to the control API', async () => {
    // Asynchronous child: the sandbox answering it runs in this very process.
    const run = (...args: string[]) =>
      new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
        execFile(
          process.execPath,
          ['--conditions=@checkout/source', '--import', 'tsx', 'src/cli.ts', ...args],
          { cwd: APP_DIR, env: { ...process.env, SANDBOX_URL: sandbox.url }, timeout: 30_000 },
          (error, stdout, stderr) => resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
        );
      });
    const order = await create();
    const paid = await run('pay', order.merchantOrderId);
    expect(paid.code).toBe(0);
    expect(parseJson(paid.stdout).order.status).toBe('completed');
    const list = await run('orders');
    expect(list.stdout).toContain(`${order.id}  ${order.merchantOrderId}  completed`);
    const missing = await run('pay', 'no-such-order');
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('404');
  });

  it('reset empties the state', async () => {
    await create();
    await control(sandbox.url, 'POST', '/_sandbox/reset');
    expect((await control(sandbox.url, 'GET', '/_sandbox/orders')).body.orders).toEqual([]);
  });
});
