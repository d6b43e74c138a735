import { afterEach, expect, it } from 'vitest';
import { browserFlow } from './support/flow';
import { CARDS, checkOut, expectPaid, fillCart, newShopper, payAndReturn } from './support/shopper';

const { stack, admin, sandbox, inPage } = browserFlow();

afterEach(async () => {
  await sandbox.updateSettings({ mode: 'deliver', dropRate: 0 });
});

it('a lost notification still ends paid through the return page check', async () => {
  await sandbox.updateSettings({ mode: 'drop', dropRate: 0 });
  await inPage('lost-notification', async (page, consoleErrors) => {
    const shopper = newShopper('lost');
    await fillCart(page, stack.webUrl, 2);
    await checkOut(page, stack, shopper);
    const orderId = await payAndReturn(page, stack, CARDS.success, shopper);
    await expectPaid(page);

    // The sandbox never sent the notification, so the API got "paid" from asking Invoicebox.
    const stored = await admin.admin.orders.byId.query({ id: orderId });
    expect(stored.status).toBe('paid');
    expect(stored.notifications).toEqual([]);
    expect(stored.events.find((event) => event.toStatus === 'paid')?.source).toBe('sync');
    const deliveries = await sandbox.deliveries(stored.invoiceboxOrderId!);
    expect(deliveries.length).toBeGreaterThan(0);
    expect(deliveries.every((delivery) => delivery.outcome === 'dropped')).toBe(true);

    expect(consoleErrors).toEqual([]);
  });
});
