import { type SandboxControl, sandboxControl } from '@checkout/sandbox';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, inject } from 'vitest';
import { adminClient } from './api-client';
import { launchBrowser } from './browser';
import { type StackInfo, type StackOptions, startStack } from './stack';
import { withPage } from './test-page';

type PageRun = Parameters<typeof withPage>[3];
type PageOptions = NonNullable<Parameters<typeof withPage>[4]> & {
  /** The storefront's address as the shopper types it; the stack's own by default. */
  webUrl?: string;
};

/**
 * What every browser flow file needs: the running stack, a staff client of its API, the sandbox's control client,
 * and one Chromium, launched before the file's tests and closed after them. The stack is the run's shared one
 * (global setup) unless `ownStack` asks for a stack with other settings (gate mode, held payments), which this
 * file then starts before its tests and stops after them: such a file reads `flow.admin` and `flow.sandbox` inside
 * its tests rather than destructuring them at the top.
 */
export function browserFlow({ ownStack }: { ownStack?: StackOptions } = {}) {
  let browser: Browser | undefined;
  let closeStack: (() => Promise<void>) | undefined;
  const stack = {} as StackInfo;
  let admin: ReturnType<typeof adminClient> | undefined;
  let sandbox: SandboxControl | undefined;
  const ready = (info: StackInfo) => {
    Object.assign(stack, info);
    admin = adminClient(info.apiUrl, info.adminToken);
    sandbox = sandboxControl(info.sandboxUrl);
  };
  if (!ownStack) ready(inject('stack'));
  beforeAll(async () => {
    if (ownStack) {
      const started = await startStack(ownStack);
      closeStack = started.close;
      ready(started.info);
    }
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await closeStack?.();
  });
  const started = <T>(value: T | undefined): T => {
    if (value === undefined) throw new Error('the stack is used inside a test, after it has started');
    return value;
  };
  return {
    stack,
    /** A staff client of the stack's API (admin.admin.orders…). */
    get admin() {
      return started(admin);
    },
    /** The sandbox's control client. */
    get sandbox() {
      return started(sandbox);
    },
    /** A fresh page (see withPage), screenshot saved as `name` at the end. */
    inPage(name: string, run: PageRun, { webUrl = stack.webUrl, ...options }: PageOptions = {}) {
      if (!browser) throw new Error('inPage runs inside a test, after the browser is launched');
      return withPage(browser, webUrl, name, run, options);
    },
  };
}
