import { expect, it } from 'vitest';
import { waitFor } from './support/api-client';
import { browserFlow } from './support/flow';
import { CARDS, checkOut, expectPaid, fillCart, newShopper, payAndReturn } from './support/shopper';

/** Port 9 (discard): nothing answers there, as for a shop on a laptop with no public URL. */
const NOWHERE = 'http://127.0.0.1:9';

// INVOICEBOX_NOTIFY_VIA=gate: the shop has no inbound URL; Invoicebox's notification URL for it points nowhere.
const flow = browserFlow({
  ownStack: {
    merchant: { notificationUrl: `${NOWHERE}/webhooks/invoicebox` },
    api: { sandboxGate: { only: true }, publicApiUrl: NOWHERE },
  },
});

it('gate mode: the shopper pays with the webhook route unreachable, and the gate brings the payment', async () => {
  await flow.inPage('gate-mode-paid', async (page, consoleErrors) => {
    const { stack } = flow;
    const shopper = newShopper('gate');
    await page.goto(stack.webUrl);
    await fillCart(page, stack.webUrl, 1);
    await checkOut(page, stack, shopper);

    const { orders } = await flow.admin.admin.orders.list.query({ search: shopper.email });
    const orderId = orders[0]!.id;
    const invoiceboxId = (await flow.admin.admin.orders.byId.query({ id: orderId })).invoiceboxOrderId!;
    // Gate only: the order was created without a notification URL, so the sandbox falls back to the shop's.
    expect((await flow.sandbox.order(invoiceboxId)).order.notificationUrl ?? null).toBeNull();

    expect(await payAndReturn(page, stack, CARDS.success, shopper)).toBe(orderId);
    await expectPaid(page);

    // The payment came over the WebSocket; the HTTP attempt at the shop's URL found nobody.
    const deliveries = await waitFor(
      () => flow.sandbox.deliveries(invoiceboxId),
      (all) => all.some((d) => d.event === 'payment' && d.url.startsWith('ws') && d.outcome === 'delivered'),
      { what: 'the payment delivered over the gate' },
    );
    const payments = deliveries.filter((d) => d.event === 'payment');
    expect(payments.filter((d) => d.url.startsWith('http')).every((d) => d.outcome !== 'delivered')).toBe(
      true,
    );
    expect(payments.find((d) => d.url.startsWith('http'))?.url).toBe(`${NOWHERE}/webhooks/invoicebox`);
    const stored = await waitFor(
      () => flow.admin.admin.orders.byId.query({ id: orderId }),
      (order) => order.notifications.length > 0,
      { what: 'the notification record' },
    );
    expect(stored.status).toBe('paid');
    expect(stored.events.filter((e) => e.toStatus === 'paid')).toHaveLength(1);
    expect(consoleErrors).toEqual([]);
  });
});
