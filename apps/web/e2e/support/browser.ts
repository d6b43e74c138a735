import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { type Browser, chromium, type Page } from 'playwright-core';
import { WEB_ROOT } from './storefront';

// Playwright already passes --headless, --no-sandbox, --no-first-run, --disable-background-networking,
// --disable-component-update, --disable-sync and a fresh --user-data-dir; without QUIC off too Chromium keeps
// calling home on a closed network, and there is no GPU here.
const FLAGS = ['--disable-gpu', '--disable-quic'];

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
    headless: true,
    args: FLAGS,
  });
}

/** Console errors and uncaught exceptions seen while the tab was on the storefront. */
export function watchConsole(page: Page, storefrontUrl: string): string[] {
  const errors: string[] = [];
  const onStorefront = () => page.url().startsWith(storefrontUrl);
  page.on('console', (message) => {
    if (message.type() === 'error' && onStorefront()) errors.push(`${page.url()}: ${message.text()}`);
  });
  page.on('pageerror', (error) => {
    if (onStorefront()) errors.push(`${page.url()}: ${error.message}`);
  });
  return errors;
}

export async function saveScreenshot(page: Page, name: string): Promise<void> {
  const dir = join(WEB_ROOT, 'test-results');
  await mkdir(dir, { recursive: true });
  await page.screenshot({ path: join(dir, `${name}.png`), fullPage: true });
}
