import { createInvoiceboxClient, DEMO_SHOP } from '@checkout/invoicebox';
import { expect, it } from 'vitest';
import { saveScreenshot } from './support/browser';
import { browserFlow } from './support/flow';
import { placePaidOrder } from './support/paid-order';

const { stack, admin, sandbox, inPage } = browserFlow();

const paidOrder = (email: string) => placePaidOrder(admin, sandbox, { name: 'Нина Отгрузова', email });

it('staff ship one unit, then the rest; the last shipment is final and the shopper sees both', async () => {
  const email = `ship-${Date.now()}@example.ru`;
  const { orderId, invoiceboxOrderId, first, second } = await paidOrder(email);

  await inPage('staff-shipments', async (page, consoleErrors) => {
    page.on('dialog', (dialog) => void dialog.accept());
    // Straight to the order page (finding it in the list is staff-refund's test): the token form comes first.
    await page.goto(`${stack.webUrl}/admin/orders/${orderId}`);
    await page.locator('#admin-token').fill(stack.adminToken);
    await page.locator('#admin-token').press('Enter');

    const panel = page.locator('[data-testid="ship-panel"]');
    const shipments = panel.locator('[data-testid="shipment"]');
    await panel.locator(`[data-testid="shippable-line"][data-sku="${first.sku}"] input`).fill('1');
    await page.locator('[data-testid="ship-selected"]').click();
    await expect.poll(() => shipments.count(), { timeout: 20_000 }).toBe(1);
    expect(await shipments.first().getAttribute('data-status')).toBe('created');
    expect(await shipments.first().getAttribute('data-final')).toBe('false');
    // One unit of the first line is left, the second line untouched.
    expect(await panel.locator('[data-testid="shippable-line"]').count()).toBe(2);
    await saveScreenshot(page, 'staff-shipments-partial');

    await page.locator('[data-testid="ship-all"]').click();
    await expect.poll(() => shipments.count(), { timeout: 20_000 }).toBe(2);
    const last = shipments.nth(1);
    expect(await last.getAttribute('data-final')).toBe('true');
    expect(await last.textContent()).toContain('итоговая, чек полного расчёта');
    expect(await last.textContent()).toContain(`${second.name} × 1`);
    // Nothing is left to ship: the form is gone, the list stays.
    await expect.poll(() => panel.locator('[data-testid="shippable-line"]').count()).toBe(0);
    await expect.poll(() => page.locator('[data-testid="ship-all"]').count()).toBe(0);
    expect(consoleErrors).toEqual([]);
  });

  // Invoicebox's own view: two shipments, final only on the second, amounts to the kopeck.
  const invoicebox = createInvoiceboxClient({ baseUrl: stack.sandboxUrl, token: DEMO_SHOP.token });
  const { data: remote } = await invoicebox.listShipments({ orderId: invoiceboxOrderId });
  expect(remote.map((s) => [s.final, s.amount])).toEqual([
    [false, first.price / 100],
    [true, (first.price + second.price) / 100],
  ]);

  await inPage('shopper-shipments', async (page, consoleErrors) => {
    await page.goto(`${stack.webUrl}/orders/${orderId}`);
    const section = page.locator('[data-testid="order-shipments"]');
    await section.waitFor();
    expect(await section.locator('[data-testid="order-shipment"]').count()).toBe(2);
    expect(await section.textContent()).toContain(`${first.name} × 1`);
    expect(await page.locator('[data-testid="shipped-in-full"]').textContent()).toBe(
      'Заказ отгружен полностью, чек полного расчёта отправлен.',
    );
    expect(consoleErrors).toEqual([]);
  });
});
