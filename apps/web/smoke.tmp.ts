import { startApi } from '@checkout/api';
import { launchBrowser } from './e2e/support/browser';
import { freePort } from './e2e/support/free-port';
import { startStorefront } from './e2e/support/storefront';

const webPort = await freePort();
const api = await startApi({
  port: 0,
  invoiceboxApiUrl: 'http://localhost:9',
  storefrontUrl: `http://localhost:${webPort}`,
  adminToken: 't',
  reconcileIntervalMs: false,
  logLevel: 'warn',
});
const web = await startStorefront({ apiUrl: api.url, port: webPort });
const browser = await launchBrowser();
const page = await browser.newPage();
page.on('console', (m) => console.log('console', m.type(), m.text()));
page.on('pageerror', (e) => console.log('pageerror', e.message));
await page.goto(web.url);
await page.locator('[data-testid="add-to-cart"]').first().waitFor();
await page.locator('[data-testid="add-to-cart"]').nth(0).click();
await page.locator('[data-testid="add-to-cart"]').nth(1).click();
await page.locator('[data-testid="add-to-cart"]').nth(1).click();
await page.screenshot({ path: '/tmp/smoke-catalog.png', fullPage: true });
await page.locator('[data-testid="go-checkout"]').click();
await page.getByLabel('Организация или ИП').check();
await page.locator('#field-vatNumber').fill('7707083894');
await page.locator('[data-testid="pay-button"]').click();
await page.screenshot({ path: '/tmp/smoke-checkout.png', fullPage: true });
await page.setViewportSize({ width: 390, height: 844 });
await page.goto(`${web.url}/admin`);
await page.locator('#admin-token').fill('t');
await page.getByRole('button', { name: 'Войти' }).click();
await page.locator('[data-testid="orders-table"]').waitFor();
await page.screenshot({ path: '/tmp/smoke-admin.png', fullPage: true });
await browser.close();
await web.close();
await api.close();
