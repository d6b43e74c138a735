import type { Browser, BrowserContext, Page } from 'playwright-core';
import { saveScreenshot, watchConsole } from './browser';

type Options = { phone?: boolean };

/**
 * A fresh browser context per test (empty storage), a console watcher, and a screenshot of whatever the
 * page shows at the end, pass or fail.
 */
export async function withPage(
  browser: Browser,
  webUrl: string,
  name: string,
  run: (page: Page, consoleErrors: string[], context: BrowserContext) => Promise<void>,
  { phone = false }: Options = {},
): Promise<void> {
  const context = await browser.newContext({
    locale: 'ru-RU',
    ...(phone ? { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true } : {}),
  });
  const page = await context.newPage();
  const consoleErrors = watchConsole(page, webUrl);
  try {
    await run(page, consoleErrors, context);
  } finally {
    await saveScreenshot(page, name).catch(() => undefined);
    await context.close();
  }
}
