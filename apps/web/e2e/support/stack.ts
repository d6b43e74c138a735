import { UNLIMITED } from '@checkout/api';
import { startTestApi, type TestApiOptions } from '@checkout/api/testing';
import { DEMO_SHOP } from '@checkout/invoicebox';
import { freePort } from '@checkout/testkit';
import { startStorefront } from './storefront';

export type StackInfo = {
  webUrl: string;
  apiUrl: string;
  sandboxUrl: string;
  adminToken: string;
  /** The storefront's production build being served. */
  webOutDir: string;
};

export type StackOptions = {
  /** Settings of the demo shop's merchant at the sandbox (e.g. `holdPayments`). */
  merchant?: Record<string, unknown>;
  /** API settings over the stack's (e.g. `gate`, `webhookNotifications`, `publicApiUrl`). */
  api?: Omit<TestApiOptions, 'sandbox' | 'port'>;
};

/** The three real servers of the flow, wired to each other on free ports. */
export async function startStack(options: StackOptions = {}) {
  const [webPort, apiPort] = [await freePort(), await freePort()];
  const webUrl = `http://localhost:${webPort}`;
  const apiUrl = `http://localhost:${apiPort}`;
  const api = await startTestApi({
    port: apiPort,
    database: process.env.TEST_DATABASE_URL ? 'postgres' : 'pglite',
    sandbox: {
      merchants: [
        {
          ...DEMO_SHOP,
          name: 'Демо-магазин',
          notificationUrl: `${apiUrl}/webhooks/invoicebox`,
          ...options.merchant,
        },
      ],
    },
    publicApiUrl: apiUrl,
    storefrontUrl: webUrl,
    adminToken: `e2e-admin-${crypto.randomUUID()}`,
    // The return page's own check must be what rescues a lost notification, not a background job.
    reconcileIntervalMs: false,
    // Every shopper here comes from 127.0.0.1: per-IP limits would throttle the suite (apps/api tests them).
    limits: UNLIMITED,
    ...options.api,
  });
  const web = await startStorefront({ apiUrl, port: webPort }).catch(async (error: unknown) => {
    await api.close();
    throw error;
  });
  const info: StackInfo = {
    webUrl: web.url,
    apiUrl: api.url,
    sandboxUrl: api.sandbox!.url,
    adminToken: api.adminToken,
    webOutDir: web.outDir,
  };
  const close = async () => {
    await web.close().catch(() => undefined);
    await api.close();
  };
  return { info, close, outDir: web.outDir };
}
