import { expect, it } from 'vitest';
import { waitFor } from './support/api-client';
import { browserFlow } from './support/flow';
import { CARDS, fillCart, fillCustomer, newShopper, onPaymentPage, payAndReturn } from './support/shopper';

const { stack, admin, sandbox, inPage } = browserFlow();

it('seed flow: two products, private person, success card, paid after the notification is delivered', async () => {
  await inPage('checkout-paid', async (page, consoleErrors) => {
    const shopper = newShopper('paid');

    // A tampered or stale saved cart is checked on load: unknown products and bad quantities are dropped.
    await page.goto(stack.webUrl);
    await page.evaluate(() =>
      localStorage.setItem(
        'checkout.cart.v1',
        JSON.stringify([{ sku: 'NO-SUCH-SKU', quantity: 1 }, { sku: 'TEA-100', quantity: -5 }, 'junk']),
      ),
    );
    await page.reload();
    await page.locator('[data-testid="product"]').first().waitFor();
    await expect.poll(() => page.locator('[data-testid="cart-link"]').textContent()).toBe('Корзина');
    expect(await page.locator('[data-testid="cart-line"]').count()).toBe(0);

    // 1. Two different products; the cart survives a reload.
    const skus = await fillCart(page, stack.webUrl, 2);
    expect(new Set(skus).size).toBe(2);
    await page.reload();
    await expect.poll(() => page.locator('[data-testid="cart-line"]').count()).toBe(2);
    const cartTotal = await page.locator('[data-testid="cart-total"]').textContent();
    expect(cartTotal).toMatch(/₽$/);
    await page.locator('[data-testid="go-checkout"]').click();
    await page.waitForURL(`${stack.webUrl}/checkout`);
    await fillCustomer(page, shopper);

    // Two submits in the same tick, before React can disable the button: the idempotency key makes it one order.
    await page.evaluate(() => {
      const form = document.querySelector<HTMLFormElement>('[data-testid="checkout-form"]');
      form?.requestSubmit();
      form?.requestSubmit();
    });

    // 2-4. The API created the order at the sandbox and the browser is on its payment page.
    await onPaymentPage(page, stack.sandboxUrl);
    const list = await admin.admin.orders.list.query({ search: shopper.email });
    expect(list.orders).toHaveLength(1);
    const orderId = list.orders[0]!.id;
    const created = await admin.admin.orders.byId.query({ id: orderId });
    expect(created.status).toBe('awaiting_payment');
    expect(created.paymentUrl).toBe(page.url());
    expect(created.lines.map((line) => line.sku).sort()).toEqual([...skus].sort());
    const invoiceboxId = created.invoiceboxOrderId;
    expect(invoiceboxId).toBeTruthy();
    const atSandbox = await sandbox.order(invoiceboxId!);
    expect(atSandbox.order.status).toBe('created');
    expect(await sandbox.deliveries(invoiceboxId!)).toEqual([]);

    // 5-7. Pay with the success card on the hosted page, and back on the storefront's order page.
    expect(await payAndReturn(page, stack, CARDS.success, shopper)).toBe(orderId);

    // 8. "Оплачен" shows up, and by then the sandbox has delivered the signed notification and the API stored it.
    const status = page.locator('[data-testid="order-status"]');
    await expect.poll(() => status.getAttribute('data-status'), { timeout: 20_000 }).toBe('paid');
    expect(await status.textContent()).toBe('Оплачен');
    const deliveries = await sandbox.deliveries(invoiceboxId!);
    expect(deliveries.some((d) => d.event === 'payment' && d.outcome === 'delivered')).toBe(true);
    const stored = await waitFor(
      () => admin.admin.orders.byId.query({ id: orderId }),
      (order) => order.notifications.length > 0,
      { what: 'the notification record' },
    );
    expect(stored.status).toBe('paid');
    expect(stored.paidAt).toBeTruthy();
    expect(await page.locator('[data-testid="order-total"]').textContent()).toBe(cartTotal);
    // The cart was emptied once the order existed.
    expect(await page.locator('[data-testid="cart-link"]').textContent()).toBe('Корзина');

    // A paid order offers a refund request, which staff then see.
    await page.getByText('Запросить возврат').click();
    await page.locator('#refund-reason').fill('Кружка пришла со сколом');
    await page.getByRole('button', { name: 'Отправить запрос' }).click();
    await page.locator('[data-testid="refund-requested"]').waitFor();
    const withRequest = await admin.admin.orders.byId.query({ id: orderId });
    expect(withRequest.refundRequests.map((request) => request.reason)).toEqual(['Кружка пришла со сколом']);

    expect(consoleErrors).toEqual([]);
  });
});
