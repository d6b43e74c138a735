import { expect, it } from 'vitest';
import { browserFlow } from './support/flow';
import { placePaidOrder } from './support/paid-order';

const { stack, admin, sandbox, inPage } = browserFlow();

const paidOrder = (email: string) => placePaidOrder(admin, sandbox, { name: 'Борис Возвратов', email });

it('staff refund one line, then the rest, and the order ends refunded', async () => {
  const email = `refund-${Date.now()}@example.ru`;
  const { orderId, first } = await paidOrder(email);

  await inPage('staff-refund', async (page, consoleErrors) => {
    page.on('dialog', (dialog) => void dialog.accept());
    await page.goto(`${stack.webUrl}/admin`);
    await page.locator('#admin-token').fill(stack.adminToken);
    await page.getByRole('button', { name: 'Войти' }).click();
    await page.locator('[data-testid="orders-table"]').waitFor();
    await page.locator('#order-search').fill(email);
    await page.getByRole('button', { name: 'Найти' }).click();
    await expect.poll(() => page.locator('[data-testid="order-row"]').count()).toBe(1);
    await page.locator(`[data-order-id="${orderId}"] a`).click();
    await page.waitForURL(`${stack.webUrl}/admin/orders/${orderId}`);

    const status = page.locator('[data-testid="admin-order-status"]');
    expect(await status.getAttribute('data-status')).toBe('paid');
    expect(await page.locator('[data-testid="invoicebox-id"]').textContent()).not.toBe('—');

    // Refund the whole first line.
    const line = page.locator(`[data-testid="refundable-line"][data-sku="${first.sku}"]`);
    await line.waitFor();
    await line.locator('input').fill('2');
    await page.locator('[data-testid="refund-selected"]').click();
    await expect
      .poll(() => status.getAttribute('data-status'), { timeout: 20_000 })
      .toBe('partially_refunded');
    await expect.poll(() => line.count(), { timeout: 20_000 }).toBe(0);
    await expect.poll(() => page.locator('[data-testid="refund"]').count()).toBe(1);
    // The refund's state follows Invoicebox (the page polls).
    await expect
      .poll(() => page.locator('[data-testid="refund"]').first().getAttribute('data-status'), {
        timeout: 20_000,
      })
      .toBe('completed');

    // Then everything that is left.
    await page.locator('[data-testid="refund-all"]').click();
    await expect.poll(() => status.getAttribute('data-status'), { timeout: 20_000 }).toBe('refunded');
    await expect.poll(() => page.locator('[data-testid="refund"]').count()).toBe(2);
    // Nothing is left to refund, so the refund form is gone.
    await expect.poll(() => page.locator('[data-testid="refund-panel"]').count()).toBe(0);

    const stored = await admin.admin.orders.byId.query({ id: orderId });
    expect(stored.status).toBe('refunded');
    expect(stored.refunds).toHaveLength(2);
    expect(consoleErrors).toEqual([]);
  });
});
