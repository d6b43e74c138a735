import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type BrowserContext, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type RunningSandbox, startSandbox, TEST_CARDS } from '../src/index.js';
import { AUTH, control, demoShop, docsOrder, eventually } from './support/fixtures.js';

const RESULTS = fileURLToPath(new URL('../test-results/', import.meta.url));

// The shopper's side in a real Chromium: the hosted payment page, then back to the shop.
describe('payment page in Chromium', () => {
  let sandbox: RunningSandbox;
  let shop: Server;
  let shopUrl: string;
  let browser: BrowserContext;
  let page: Page;
  let profile: string;
  const notified: string[] = [];

  beforeAll(async () => {
    shop = createServer((req, res) => {
      if (req.method === 'POST') {
        req.resume();
        req.on('end', () => {
          notified.push(req.url ?? '');
          res.writeHead(200, { 'content-type': 'application/json' }).end('{"status":"success"}');
        });
        return;
      }
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(`<h1 id="shop">${req.url}</h1>`);
    });
    await new Promise<void>((r) => shop.listen(0, '127.0.0.1', r));
    shopUrl = `http://127.0.0.1:${(shop.address() as AddressInfo).port}`;
    sandbox = await startSandbox({
      port: 0,
      log: false,
      rateLimit: false,
      merchants: demoShop(`${shopUrl}/webhooks`),
    });
    profile = mkdtempSync(join(tmpdir(), 'sandbox-chromium-'));
    mkdirSync(RESULTS, { recursive: true });
    // A fresh profile directory per run (playwright passes it as --user-data-dir).
    browser = await chromium.launchPersistentContext(profile, {
      executablePath: '/usr/bin/chromium',
      viewport: { width: 390, height: 844 },
      // Playwright passes headless, no-sandbox and the no-calling-home flags itself; QUIC and the GPU it leaves on.
      args: ['--disable-gpu', '--disable-quic'],
    });
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await sandbox?.close();
    await new Promise((r) => shop?.close(r));
    if (profile) rmSync(profile, { recursive: true, force: true });
  });

  beforeEach(async () => {
    page = await browser.newPage();
  });

  async function newOrder(overrides: Parameters<typeof docsOrder>[0] = {}) {
    const res = await fetch(`${sandbox.url}/v3/billing/api/order/order`, {
      method: 'POST',
      headers: { ...AUTH, 'content-type': 'application/json' },
      body: JSON.stringify(
        docsOrder({
          successUrl: `${shopUrl}/success`,
          failUrl: `${shopUrl}/fail`,
          returnUrl: `${shopUrl}/back`,
          ...overrides,
        }),
      ),
    });
    return ((await res.json()) as { data: { id: string; paymentUrl: string } }).data;
  }

  const statusOf = async (id: string) =>
    (await control(sandbox.url, 'GET', `/_sandbox/orders/${id}`)).body.order.status;

  async function fillCard(card: string) {
    await page.getByLabel('Номер карты').fill(card);
    await page.getByLabel('Срок действия (ММ/ГГ)').fill('12/30');
    await page.getByLabel('CVC').fill('123');
  }

  it('pay with the success card: lands on successUrl, order completed, shop notified', async () => {
    const order = await newOrder();
    await page.goto(order.paymentUrl);
    expect(await page.getByTestId('shop').textContent()).toBe('Демо-магазин');
    expect(await page.getByTestId('total').textContent()).toBe('371,88\u00a0₽');
    expect(await page.getByTestId('basket-line').count()).toBe(1);
    expect(await page.locator('input[name="name"]').inputValue()).toBe('Peter'); // prefilled from the order
    await page.screenshot({ path: join(RESULTS, 'payment-page-form.png'), fullPage: true });
    await page.getByLabel('Имя или название организации').fill('Пётр Петров');
    await fillCard(TEST_CARDS.success);
    await page.getByTestId('pay').click();
    await page.waitForURL(`${shopUrl}/success`);
    expect(await statusOf(order.id)).toBe('completed');
    await eventually(() => (notified.length > 0 ? true : undefined));
    const remote = (await control(sandbox.url, 'GET', `/_sandbox/orders/${order.id}`)).body.order;
    expect(remote.customer.name).toBe('Пётр Петров');
    await page.goto(order.paymentUrl);
    expect(await page.getByTestId('order-state').getAttribute('data-state')).toBe('paid');
    await page.screenshot({ path: join(RESULTS, 'payment-page-paid.png'), fullPage: true });
  });

  it('a declined card lands on failUrl and the order stays payable', async () => {
    const order = await newOrder();
    await page.goto(order.paymentUrl);
    await fillCard(TEST_CARDS.declined);
    await page.getByTestId('pay').click();
    await page.waitForURL(`${shopUrl}/fail`);
    expect(await statusOf(order.id)).toBe('created');
  });

  it('server-side validation shows messages next to the fields, then the confirmation-code card pays', async () => {
    const order = await newOrder({ successUrl: undefined });
    await page.goto(order.paymentUrl);
    await page.locator('input[name="email"]').fill('not-an-email');
    await page.locator('[name="cardNumber"]').fill('1234 5678');
    await page.getByTestId('pay').click();
    await page.getByTestId('form-error').waitFor();
    expect(await page.locator('input[name="email"]').getAttribute('aria-invalid')).toBe('true');
    expect(await page.getByTestId('error-email').textContent()).toContain('эл. почты');
    expect(await page.getByTestId('error-cardNumber').isVisible()).toBe(true);
    expect(await statusOf(order.id)).toBe('created');

    await page.locator('input[name="email"]').fill('peter@example.ru');
    await fillCard(TEST_CARDS.confirmationCode);
    await page.getByTestId('pay').click();
    await page.locator('input[name="code"]').fill('123456');
    await page.getByTestId('confirm').click();
    // No successUrl: the sandbox's own result page.
    await page.getByTestId('order-state').waitFor();
    expect(await page.getByTestId('order-state').getAttribute('data-state')).toBe('paid');
    expect(await page.getByTestId('return').getAttribute('href')).toBe(`${shopUrl}/back`);
    expect(await statusOf(order.id)).toBe('completed');
  });

  it('a company gets an invoice; the order stays created until the transfer is simulated', async () => {
    const order = await newOrder();
    await page.goto(order.paymentUrl);
    await page.getByLabel('Организация или ИП').check();
    await page.getByLabel('ИНН').fill('7804445210');
    await page.getByLabel('КПП').fill('780401001');
    await page.getByLabel('Юридический адрес').fill('Санкт-Петербург, Невский пр., 1');
    await page.getByTestId('get-invoice').click();
    await page.getByTestId('invoice').waitFor();
    expect(await page.getByTestId('invoice-total').textContent()).toBe('371,88\u00a0₽');
    expect(await statusOf(order.id)).toBe('created');
    await control(sandbox.url, 'POST', `/_sandbox/orders/${order.id}/pay`, {});
    expect(await statusOf(order.id)).toBe('completed');
    await page.screenshot({ path: join(RESULTS, 'payment-page-invoice.png'), fullPage: true });
  });

  it('English when languageId is en; locked customer fields are read-only; keyboard reaches the pay button', async () => {
    const order = await newOrder({ languageId: 'en', invoiceSetting: { customerLockedFields: ['email'] } });
    await page.goto(order.paymentUrl);
    expect(await page.locator('html').getAttribute('lang')).toBe('en');
    expect(await page.getByTestId('pay').textContent()).toBe('Pay');
    expect(await page.locator('input[name="email"]').getAttribute('readonly')).not.toBeNull();
    await page.getByLabel('Card number').fill(TEST_CARDS.success);
    await page.getByLabel('Expiry (MM/YY)').fill('12/30');
    await page.getByLabel('CVC').fill('123');
    await page.getByLabel('CVC').focus();
    await page.keyboard.press('Tab');
    expect(await page.evaluate('document.activeElement?.getAttribute("data-testid")')).toBe('pay');
    await page.keyboard.press('Enter');
    await page.waitForURL(`${shopUrl}/success`);
    const remote = (await control(sandbox.url, 'GET', `/_sandbox/orders/${order.id}`)).body.order;
    expect(remote.customer.email).toBe('peter@domain.com');
  });

  it('a cancelled order shows its state instead of a form', async () => {
    const order = await newOrder();
    await fetch(`${sandbox.url}/v3/billing/api/order/order/${order.id}`, { method: 'DELETE', headers: AUTH });
    await page.goto(order.paymentUrl);
    expect(await page.getByTestId('order-state').getAttribute('data-state')).toBe('canceled');
    expect(await page.getByTestId('pay').count()).toBe(0);
  });
});
