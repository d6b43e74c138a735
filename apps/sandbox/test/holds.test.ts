import { DEMO_SHOP, verifyNotification } from '@checkout/invoicebox';
import { describe, expect, it } from 'vitest';
import type { RunningSandbox } from '../src/index.js';
import { control, docsOrder, eventually, type Json } from './support/fixtures.js';
import { startReceiver } from './support/receiver.js';
import { testSandbox, useCleanup, v3 } from './support/sandbox.js';

const ok = { status: 200, body: '{"status":"success"}' };

/** `units` of the docs order's line (123.96 each, VAT 20 %), as a shipment's basket. */
function shipmentOf(orderId: string, units: number, final: boolean) {
  const [line] = docsOrder().basketItems;
  const total = [0, 123.96, 247.92, 371.88][units] ?? 0;
  const vat = [0, 20.66, 41.32, 61.98][units] ?? 0;
  return {
    orderId,
    final,
    basketItems: [{ ...line, quantity: units, totalAmount: total, totalVatAmount: vat }],
  };
}

describe('pre-authorisation (holdPayments)', () => {
  const defer = useCleanup();

  async function setup() {
    const receiver = await startReceiver(() => ok);
    defer(receiver.close);
    const sandbox = await testSandbox({
      refundCompletionDelayMs: 0,
      merchants: [{ ...DEMO_SHOP, notificationUrl: receiver.url, holdPayments: true }],
    });
    defer(sandbox.close);
    const notified = async (count: number) => {
      await eventually(() => receiver.received.length >= count || undefined);
      return receiver.received.map((r) =>
        verifyNotification(r.body, r.headers['x-signature'], DEMO_SHOP.notificationKey),
      );
    };
    return { sandbox, notified };
  }

  async function heldOrder(sandbox: RunningSandbox) {
    const created = await v3(sandbox, 'POST', '/billing/api/order/order', docsOrder());
    const id = created.body.data.id as string;
    const paid = await control(sandbox.url, 'POST', `/_sandbox/orders/${id}/pay`, {});
    expect(paid.body.order).toMatchObject({ id, status: 'hold' });
    expect(paid.body.order.paidAt).toBeTruthy();
    return id;
  }

  it('a payment holds the money; a final shipment captures it, and each step is notified', async () => {
    const { sandbox, notified } = await setup();
    const id = await heldOrder(sandbox);
    const listed = await v3(sandbox, 'GET', '/filter/api/order/order?status=hold&status=draft');
    expect(listed.body.data.map((o: Json) => o.id)).toEqual([id]);
    const [hold] = await notified(1);
    expect(hold).toMatchObject({ id, status: 'hold', amount: 371.88 });
    expect(hold?.paidAt).toBeTruthy();

    // Held money is not refundable yet: refunds need `completed`.
    const refund = {
      parentId: id,
      merchantOrderId: `r-${id}`,
      description: 'Возврат',
      amount: 123.96,
      vatAmount: 20.66,
      basketItems: shipmentOf(id, 1, false).basketItems,
    };
    const early = await v3(sandbox, 'POST', '/billing/api/order/refund-order', refund);
    expect(early.status).toBe(422);
    expect(early.body.error.code).toBe('wrong_order_status');

    // A partial shipment keeps the hold; shipments may not exceed the order.
    const first = await v3(sandbox, 'POST', '/billing/api/order/shipment', shipmentOf(id, 1, false));
    expect(first.status).toBe(200);
    expect((await v3(sandbox, 'GET', `/billing/api/order/order/${id}`)).body.data.status).toBe('hold');
    const tooMuch = await v3(sandbox, 'POST', '/billing/api/order/shipment', shipmentOf(id, 3, true));
    expect(tooMuch.status).toBe(422);
    expect(tooMuch.body.error.code).toBe('wrong_total_amount');

    // With a shipment registered the hold can no longer be released.
    const release = await v3(sandbox, 'DELETE', `/billing/api/order/order/${id}`);
    expect(release.status).toBe(422);
    expect(release.body.error.code).toBe('wrong_order_status');

    const final = await v3(sandbox, 'POST', '/billing/api/order/shipment', shipmentOf(id, 2, true));
    expect(final.status).toBe(200);
    expect(final.body.data).toMatchObject({ orderId: id, final: true, amount: 247.92 });
    const order = (await v3(sandbox, 'GET', `/billing/api/order/order/${id}`)).body.data;
    expect(order.status).toBe('completed');
    const [, capture] = await notified(2);
    expect(capture).toMatchObject({ id, status: 'completed', amount: 371.88 });

    // Closed by the final shipment: no more shipments; refunds now work.
    const after = await v3(sandbox, 'POST', '/billing/api/order/shipment', shipmentOf(id, 1, false));
    expect(after.status).toBe(422);
    expect(after.body.error.code).toBe('wrong_order_status');
    const late = await v3(sandbox, 'POST', '/billing/api/order/refund-order', refund);
    expect(late.status).toBe(200);
    expect(late.body.data).toMatchObject({ parentId: id, status: 'created' });

    const finals = await v3(sandbox, 'GET', `/filter/api/order/shipment?orderId=${id}&final=true`);
    expect(finals.body.data.map((s: Json) => s.id)).toEqual([final.body.data.id]);
  });

  it('DELETE of a held order releases it in full: canceled, and notified', async () => {
    const { sandbox, notified } = await setup();
    const id = await heldOrder(sandbox);
    await notified(1);
    const resent = await control(sandbox.url, 'POST', `/_sandbox/orders/${id}/resend`, {});
    expect(resent.status).toBe(200);
    await notified(2);
    const released = await v3(sandbox, 'DELETE', `/billing/api/order/order/${id}`);
    expect(released.status).toBe(200);
    expect(released.body.data).toMatchObject({ id, status: 'canceled' });
    const [hold, again, cancel] = await notified(3);
    expect(hold).toMatchObject({ id, status: 'hold' });
    expect(again).toMatchObject({ id, status: 'hold' });
    expect(cancel).toMatchObject({ id, status: 'canceled' });

    const twice = await v3(sandbox, 'DELETE', `/billing/api/order/order/${id}`);
    expect(twice.status).toBe(422);
    const ship = await v3(sandbox, 'POST', '/billing/api/order/shipment', shipmentOf(id, 1, true));
    expect(ship.status).toBe(422);
    expect(ship.body.error.code).toBe('wrong_order_status');
  });

  it('without holdPayments a payment completes at once, as before', async () => {
    const sandbox = await testSandbox();
    defer(sandbox.close);
    const created = await v3(sandbox, 'POST', '/billing/api/order/order', docsOrder());
    const paid = await control(sandbox.url, 'POST', `/_sandbox/orders/${created.body.data.id}/pay`, {});
    expect(paid.body.order.status).toBe('completed');
  });
});
