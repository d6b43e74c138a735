import { expect, it } from 'vitest';
import { saveScreenshot } from './support/browser';
import { browserFlow } from './support/flow';
import { placePaidOrder } from './support/paid-order';
import { CARDS, checkOut, fillCart, newShopper, payAndReturn } from './support/shopper';

// A shop whose Invoicebox cabinet holds card payments, and an API told so (INVOICEBOX_HOLD_PAYMENTS).
const flow = browserFlow({ ownStack: { merchant: { holdPayments: true }, api: { holdPayments: true } } });
const { stack } = flow;

it('a held payment: the shopper sees the money blocked, staff find it and cancel, which releases it', async () => {
  // Another order, left unpaid: its page says up front that a card payment is only held.
  const unpaid = await flow.admin.orders.create.mutate({
    idempotencyKey: crypto.randomUUID(),
    lines: [{ sku: 'TEA-100', quantity: 1 }],
    customer: { type: 'private', name: 'Пётр Неоплатов', email: 'unpaid@example.ru', phone: '79001234567' },
  });
  await flow.inPage('held-payments', async (page, consoleErrors) => {
    await page.goto(`${stack.webUrl}/orders/${unpaid.orderId}`);
    expect(await page.locator('[data-testid="awaiting-payment"]').textContent()).toContain(
      'деньги на ней только заблокируются: спишем их, когда отправим заказ',
    );

    const shopper = newShopper('held');
    await fillCart(page, stack.webUrl, 2);
    await checkOut(page, stack, shopper);
    const orderId = await payAndReturn(page, stack, CARDS.success, shopper);

    const status = page.locator('[data-testid="order-status"]');
    await expect.poll(() => status.getAttribute('data-status'), { timeout: 20_000 }).toBe('held');
    expect(await status.textContent()).toBe('Средства заблокированы');
    expect(await page.locator('[data-testid="held"]').textContent()).toContain(
      'будут списаны, когда мы отправим заказ',
    );
    // Not paid yet: no "Оплачен" date, no refund request.
    expect(await page.locator('[data-testid="paid"]').count()).toBe(0);
    expect(await page.getByText('Запросить возврат').count()).toBe(0);
    await saveScreenshot(page, 'held-payments-shopper-held');
    const { invoiceboxOrderId } = await flow.admin.admin.orders.byId.query({ id: orderId });
    expect((await flow.sandbox.order(invoiceboxOrderId!)).order.status).toBe('hold');

    // Staff: the list filtered by the new status shows it, labelled.
    page.on('dialog', (dialog) => void dialog.accept());
    await page.goto(`${stack.webUrl}/admin`);
    await page.locator('#admin-token').fill(stack.adminToken);
    await page.locator('#admin-token').press('Enter');
    await page.getByLabel('Средства заблокированы').check();
    const row = page.locator(`[data-testid="order-row"][data-order-id="${orderId}"]`);
    await row.waitFor();
    // The unfiltered list (the unpaid order too) may still be on screen for a moment.
    await expect.poll(() => page.locator('[data-testid="order-row"]').count()).toBe(1);
    expect(await row.locator('.status').textContent()).toBe('Средства заблокированы');
    await saveScreenshot(page, 'held-payments-admin-list');

    // The order page, and cancel: the hold is released at Invoicebox.
    await row.getByRole('link').click();
    const adminStatus = page.locator('[data-testid="admin-order-status"]');
    await expect.poll(() => adminStatus.getAttribute('data-status')).toBe('held');
    expect(await adminStatus.textContent()).toBe('Средства заблокированы');
    await page.locator('[data-testid="cancel-order"]').click();
    await expect.poll(() => adminStatus.getAttribute('data-status'), { timeout: 20_000 }).toBe('canceled');
    expect((await flow.sandbox.order(invoiceboxOrderId!)).order.status).toBe('canceled');
    await saveScreenshot(page, 'held-payments-admin-released');

    // The shopper's link: canceled, the block lifted.
    await page.goto(`${stack.webUrl}/orders/${orderId}`);
    await expect.poll(() => status.getAttribute('data-status')).toBe('canceled');
    expect(await page.locator('.status-line').textContent()).toBe('Статус: Отменён блокировка снята');
    expect(await page.locator('[data-testid="payment-failed"]').textContent()).toContain('Деньги не списаны');

    expect(consoleErrors).toEqual([]);
  });
});

it('a held order is captured by its final shipment: a first shipment keeps the hold, the last takes the money', async () => {
  const email = `held-ship-${Date.now()}@example.ru`;
  const { orderId, invoiceboxOrderId, first } = await placePaidOrder(flow.admin, flow.sandbox, {
    name: 'Ольга Холдова',
    email,
    quantities: [1, 1],
    until: 'held',
  });

  await flow.inPage('held-captured-by-shipment', async (page, consoleErrors) => {
    page.on('dialog', (dialog) => void dialog.accept());
    await page.goto(`${stack.webUrl}/admin`);
    await page.locator('#admin-token').fill(stack.adminToken);
    await page.locator('#admin-token').press('Enter');
    await page.locator('[data-testid="orders-table"]').waitFor();
    await page.goto(`${stack.webUrl}/admin/orders/${orderId}`);
    const adminStatus = page.locator('[data-testid="admin-order-status"]');
    await expect.poll(() => adminStatus.getAttribute('data-status')).toBe('held');

    // The first line ships: not final, so the money stays blocked.
    const panel = page.locator('[data-testid="ship-panel"]');
    const shipments = panel.locator('[data-testid="shipment"]');
    await panel.locator(`[data-testid="shippable-line"][data-sku="${first.sku}"] input`).fill('1');
    await page.locator('[data-testid="ship-selected"]').click();
    await expect.poll(() => shipments.count(), { timeout: 20_000 }).toBe(1);
    expect(await shipments.first().getAttribute('data-final')).toBe('false');
    expect((await flow.sandbox.order(invoiceboxOrderId!)).order.status).toBe('hold');
    expect((await flow.admin.admin.orders.byId.query({ id: orderId })).status).toBe('held');
    await saveScreenshot(page, 'held-captured-first-shipment');

    // The rest ships with final: true; Invoicebox captures the hold and notifies, and the order is paid.
    await page.locator('[data-testid="ship-all"]').click();
    await expect.poll(() => shipments.count(), { timeout: 20_000 }).toBe(2);
    expect(await shipments.nth(1).getAttribute('data-final')).toBe('true');
    await page.reload();
    await expect.poll(() => adminStatus.getAttribute('data-status'), { timeout: 20_000 }).toBe('paid');
    expect((await flow.sandbox.order(invoiceboxOrderId!)).order.status).toBe('completed');
    const events = (await flow.admin.admin.orders.byId.query({ id: orderId })).events;
    expect(events.filter((e) => e.toStatus === 'paid').map((e) => e.fromStatus)).toEqual(['held']);

    // The shopper's page: paid, shipped in full, the full-settlement receipt sent.
    await page.goto(`${stack.webUrl}/orders/${orderId}`);
    const status = page.locator('[data-testid="order-status"]');
    await expect.poll(() => status.getAttribute('data-status')).toBe('paid');
    expect(await page.locator('[data-testid="shipped-in-full"]').textContent()).toBe(
      'Заказ отгружен полностью, чек полного расчёта отправлен.',
    );
    expect(consoleErrors).toEqual([]);
  });
});
