import type { Page } from 'playwright-core';
import { expect } from 'vitest';

export const CARDS = {
  success: '4111 1111 1111 1111',
  declined: '4000 0000 0000 0002',
} as const;

export type Shopper = { name: string; email: string; phone: string };

export function newShopper(tag: string): Shopper {
  return { name: 'Анна Покупателева', email: `${tag}-${Date.now()}@example.ru`, phone: '+7 900 123-45-67' };
}

/** Opens the catalog and puts the first `count` different products into the cart. */
export async function fillCart(page: Page, webUrl: string, count: number): Promise<string[]> {
  await page.goto(webUrl);
  const products = page.locator('[data-testid="product"]');
  await products.first().waitFor();
  const skus: string[] = [];
  for (let index = 0; index < count; index++) {
    const product = products.nth(index);
    skus.push((await product.getAttribute('data-sku')) ?? '');
    await product.locator('[data-testid="add-to-cart"]').click();
  }
  await expect.poll(() => page.locator('[data-testid="cart-line"]').count()).toBe(count);
  return skus;
}

export async function fillCustomer(page: Page, shopper: Shopper): Promise<void> {
  await page.locator('#field-name').fill(shopper.name);
  await page.locator('#field-email').fill(shopper.email);
  await page.locator('#field-phone').fill(shopper.phone);
}

/** On the sandbox's hosted page: complete whatever customer fields are empty, enter the card, pay. */
export async function payOnSandbox(page: Page, card: string, shopper: Shopper): Promise<void> {
  await page.locator('[data-testid="pay"]').waitFor();
  for (const [name, value] of [
    ['name', shopper.name],
    ['email', shopper.email],
    ['phone', shopper.phone],
  ] as const) {
    const input = page.locator(`input[name="${name}"]`);
    if (
      (await input.count()) > 0 &&
      (await input.first().isEditable()) &&
      !(await input.first().inputValue())
    ) {
      await input.first().fill(value);
    }
  }
  await page.locator('[name="cardNumber"]').fill(card);
  await page.locator('[name="cardExpiry"]').fill('12/30');
  await page.locator('[name="cardCvc"]').fill('123');
  await page.locator('[data-testid="pay"]').click();
}

/** Presses Tab until the focused element matches `selector` (fails after 40 presses). */
export async function tabTo(page: Page, selector: string): Promise<void> {
  for (let presses = 0; presses < 40; presses++) {
    await page.keyboard.press('Tab');
    if (await page.evaluate((s) => document.activeElement?.matches(s) ?? false, selector)) return;
  }
  throw new Error(`Tab never reached ${selector}`);
}

type Urls = { webUrl: string; sandboxUrl: string };

/** From the cart: the checkout form filled in for `shopper`, submitted, and on to the sandbox's payment page. */
export async function checkOut(page: Page, { sandboxUrl }: Urls, shopper: Shopper): Promise<void> {
  await page.locator('[data-testid="go-checkout"]').click();
  await fillCustomer(page, shopper);
  await page.locator('[data-testid="pay-button"]').click();
  await onPaymentPage(page, sandboxUrl);
}

export async function onPaymentPage(page: Page, sandboxUrl: string): Promise<void> {
  await page.waitForURL((url) => url.href.startsWith(`${sandboxUrl}/order/`), { timeout: 20_000 });
}

/** Pays with `card` on the sandbox's page and waits to be back on the storefront; returns the order's id. */
export async function payAndReturn(
  page: Page,
  { webUrl }: Urls,
  card: string,
  shopper: Shopper,
): Promise<string> {
  await payOnSandbox(page, card, shopper);
  await page.waitForURL((url) => url.href.startsWith(`${webUrl}/orders/`), { timeout: 20_000 });
  const orderId = new URL(page.url()).pathname.split('/').pop();
  if (!orderId) throw new Error(`no order id in ${page.url()}`);
  return orderId;
}

/** Waits for the storefront's order page to show the order paid. */
export async function expectPaid(page: Page): Promise<void> {
  const status = page.locator('[data-testid="order-status"]');
  await expect.poll(() => status.getAttribute('data-status'), { timeout: 20_000 }).toBe('paid');
}
