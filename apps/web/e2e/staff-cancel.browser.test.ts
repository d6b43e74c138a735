import { expect, it } from 'vitest';
import { saveScreenshot } from './support/browser';
import { browserFlow } from './support/flow';

const { stack, admin, sandbox, inPage } = browserFlow();

it('staff cancel an unpaid order; the shopper sees it canceled and can order the same lines again', async () => {
  const [product] = await admin.catalog.list.query();
  if (!product) throw new Error('the catalog is empty');
  const { orderId } = await admin.orders.create.mutate({
    idempotencyKey: crypto.randomUUID(),
    lines: [{ sku: product.sku, quantity: 3 }],
    customer: {
      type: 'private',
      name: 'Вера Отменова',
      email: `cancel-${Date.now()}@example.ru`,
      phone: '79001234567',
    },
  });
  const { invoiceboxOrderId } = await admin.admin.orders.byId.query({ id: orderId });

  await inPage('staff-cancel', async (page, consoleErrors) => {
    page.on('dialog', (dialog) => void dialog.accept());
    await page.goto(`${stack.webUrl}/admin/orders/${orderId}`);
    // Straight to the order page: the token form comes first, then the order.
    await page.locator('#admin-token').fill(stack.adminToken);
    await page.locator('#admin-token').press('Enter');
    const status = page.locator('[data-testid="admin-order-status"]');
    expect(await status.getAttribute('data-status')).toBe('awaiting_payment');
    await page.locator('[data-testid="cancel-order"]').click();
    await expect.poll(() => status.getAttribute('data-status'), { timeout: 20_000 }).toBe('canceled');
    expect((await sandbox.order(invoiceboxOrderId!)).order.status).toBe('canceled');
    await saveScreenshot(page, 'staff-cancel-admin');

    // The shopper's link now says so and offers the same lines again.
    await page.goto(`${stack.webUrl}/orders/${orderId}`);
    const notice = page.locator('[data-testid="payment-failed"]');
    await notice.waitFor();
    expect(await notice.textContent()).toContain('Заказ отменён');
    expect(await page.locator('[data-testid="order-status"]').textContent()).toBe('Отменён');
    await page.locator('[data-testid="reorder"]').click();
    await page.waitForURL(`${stack.webUrl}/checkout`);
    const line = page.locator(`[data-testid="cart-line"][data-sku="${product.sku}"]`);
    await line.waitFor();
    expect(await line.locator('input').inputValue()).toBe('3');

    expect(consoleErrors).toEqual([]);
  });
});
