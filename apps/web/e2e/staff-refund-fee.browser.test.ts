import { formatRub as rub } from '@checkout/invoicebox/web';
import { expect, it } from 'vitest';
import { browserFlow } from './support/flow';
import { placePaidOrder } from './support/paid-order';

const { stack, admin, sandbox, inPage } = browserFlow();

const paidOrder = (email: string) => placePaidOrder(admin, sandbox, { name: 'Вера Удержанова', email });

/** "1 234,50 ₽" with the page's own spaces collapsed, for comparing text. */
const plain = (text: string | null) => (text ?? '').replace(/\s+/g, ' ').trim();

it('staff refund one line keeping a fee; the shopper sees what came back', async () => {
  const email = `refund-fee-${Date.now()}@example.ru`;
  const { orderId, first } = await paidOrder(email);
  const fee = 5_050; // 50,50 ₽, typed the way staff write it
  const refunded = first.price;

  await inPage('staff-refund-fee', async (page, consoleErrors) => {
    await page.goto(`${stack.webUrl}/admin/orders/${orderId}`);
    await page.locator('#admin-token').fill(stack.adminToken);
    await page.getByRole('button', { name: 'Войти' }).click();
    const status = page.locator('[data-testid="admin-order-status"]');
    await status.waitFor();
    expect(await status.getAttribute('data-status')).toBe('paid');

    const line = page.locator(`[data-testid="refundable-line"][data-sku="${first.sku}"]`);
    await line.waitFor();
    await line.locator('input').fill('1');
    const feeInput = page.getByLabel('Удержать комиссию, ₽');
    const note = page.locator('[data-testid="refund-fee-note"]');
    // A fee not below the refund is refused before anything is sent.
    await feeInput.fill(String(refunded));
    await expect.poll(async () => plain(await note.textContent())).toMatch(/меньше суммы возврата/);
    expect(await page.locator('[data-testid="refund-selected"]').isDisabled()).toBe(true);
    await feeInput.fill('50,50');
    await expect
      .poll(async () => plain(await note.textContent()))
      .toContain(plain(`Покупателю вернётся ${rub(refunded - fee)}`));
    await page.locator('[data-testid="refund-selected"]').click();

    await expect
      .poll(() => status.getAttribute('data-status'), { timeout: 20_000 })
      .toBe('partially_refunded');
    const refund = page.locator('[data-testid="refund"]').first();
    await expect.poll(() => refund.getAttribute('data-status'), { timeout: 20_000 }).toBe('completed');
    const shown = plain(await refund.locator('[data-testid="refund-fee"]').textContent());
    expect(shown).toContain(plain(`удержано ${rub(fee)}`));
    expect(shown).toContain(plain(`покупателю ${rub(refunded - fee)}`));
    expect(consoleErrors).toEqual([]);
  });

  const stored = await admin.admin.orders.byId.query({ id: orderId });
  expect(stored.refunds).toEqual([
    expect.objectContaining({
      status: 'completed',
      amount: refunded,
      feeAmount: fee,
      returnedAmount: refunded - fee,
    }),
  ]);
  const payout = await sandbox.refundPayout(stored.refunds[0]!.invoiceboxRefundId!);
  expect(payout.payout.returnedAmount).toBe((refunded - fee) / 100);

  await inPage('shopper-refund-fee', async (page, consoleErrors) => {
    await page.goto(`${stack.webUrl}/orders/${orderId}`);
    const item = page.locator('[data-testid="order-refund"]');
    await item.waitFor();
    expect(await item.getAttribute('data-status')).toBe('completed');
    expect(plain(await item.textContent())).toBe(
      plain(`Возвращено ${rub(refunded - fee)} (удержано ${rub(fee)})`),
    );
    expect(consoleErrors).toEqual([]);
  });
});
