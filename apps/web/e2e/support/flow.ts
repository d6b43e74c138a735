import { sandboxControl } from '@checkout/sandbox';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, inject } from 'vitest';
import { adminClient } from './api-client';
import { launchBrowser } from './browser';
import { withPage } from './test-page';

type PageRun = Parameters<typeof withPage>[3];
type PageOptions = NonNullable<Parameters<typeof withPage>[4]> & {
  /** The storefront's address as the shopper types it; the stack's own by default. */
  webUrl?: string;
};

/**
 * What every browser flow file needs: the running stack (global setup), a staff client of its API, the
 * sandbox's control client, and one Chromium, launched before the file's tests and closed after them.
 */
export function browserFlow() {
  const stack = inject('stack');
  let browser: Browser | undefined;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });
  return {
    stack,
    admin: adminClient(stack.apiUrl, stack.adminToken),
    sandbox: sandboxControl(stack.sandboxUrl),
    /** A fresh page (see withPage), screenshot saved as `name` at the end. */
    inPage(name: string, run: PageRun, { webUrl = stack.webUrl, ...options }: PageOptions = {}) {
      if (!browser) throw new Error('inPage runs inside a test, after the browser is launched');
      return withPage(browser, webUrl, name, run, options);
    },
  };
}
