import { beforeAll, describe, expect, it } from 'vitest';
import { SandboxControlError, sandboxControl } from '../src/index.js';
import { createOrder, useSandbox } from './support/sandbox.js';

describe('sandboxControl: the typed control client', () => {
  const sandbox = useSandbox();
  let control: ReturnType<typeof sandboxControl>;
  beforeAll(() => {
    control = sandboxControl(`${sandbox.url}/`);
  });

  const create = async () => (await createOrder(sandbox)) as { id: string; merchantOrderId: string };

  it('drives an order through decline, pay and resend, and reads it back', async () => {
    const created = await create();
    expect((await control.decline(created.merchantOrderId)).order.status).toBe('created');
    expect((await control.pay(created.id, '4111111111111111')).order.status).toBe('completed');
    const resent = await control.resend(created.id);
    expect(resent.delivery).toMatchObject({ orderId: created.id, event: 'payment' });
    const detail = await control.order(created.id);
    expect(detail.attempts.map((a) => a.outcome)).toEqual(['declined', 'paid']);
    expect((await control.deliveries(created.id)).every((d) => d.orderId === created.id)).toBe(true);
    expect((await control.orders()).map((o) => o.id)).toContain(created.id);

    const other = await create();
    expect((await control.expire(other.id)).order.status).toBe('expired');
  });

  it('reads and changes settings and merchants; reset puts them back', async () => {
    expect(await control.updateSettings({ mode: 'drop' })).toEqual({
      notifications: { mode: 'drop', dropRate: 0 },
    });
    const [merchant] = await control.merchants();
    const updated = await control.updateMerchant(merchant!.merchantId, { holdPayments: true });
    expect(updated.holdPayments).toBe(true);
    expect(await control.merchant(merchant!.merchantId)).toEqual(updated);

    expect(await control.reset()).toEqual({ ok: true });
    expect((await control.settings()).notifications.mode).toBe('deliver');
    expect((await control.merchant(merchant!.merchantId)).holdPayments).toBe(false);
    expect(await control.orders()).toEqual([]);
  });

  it('a refused call throws an error naming method, path, status and body', async () => {
    const refused = await control.pay('no-such-order').catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(SandboxControlError);
    expect(refused).toMatchObject({
      method: 'POST',
      path: '/_sandbox/orders/no-such-order/pay',
      status: 404,
    });
    expect((refused as Error).message).toMatch(
      /^sandbox POST \/_sandbox\/orders\/no-such-order\/pay: HTTP 404 \{/,
    );
    await expect(control.refundPayout('no-such-refund')).rejects.toMatchObject({ status: 404 });
  });
});
