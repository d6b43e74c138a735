import { startApi, UNLIMITED } from '@checkout/api';
import { DEMO_SHOP } from '@checkout/invoicebox';
import { startSandbox } from '@checkout/sandbox';
import { freePort } from './free-port';
import { startStorefront } from './storefront';

export type StackInfo = {
  webUrl: string;
  apiUrl: string;
  sandboxUrl: string;
  adminToken: string;
  /** The storefront's production build being served. */
  webOutDir: string;
};

/** The three real servers of the flow, wired to each other on free ports. */
export async function startStack() {
  const [webPort, apiPort] = [await freePort(), await freePort()];
  const webUrl = `http://localhost:${webPort}`;
  const apiUrl = `http://localhost:${apiPort}`;
  const adminToken = `e2e-admin-${crypto.randomUUID()}`;
  const closers: (() => Promise<void>)[] = [];
  const close = async () => {
    for (const closer of closers.reverse()) await closer().catch(() => undefined);
  };
  try {
    const sandbox = await startSandbox({
      port: 0,
      retryTimeScale: 0.0001,
      refundCompletionDelayMs: 0,
      rateLimit: false,
      log: false,
      merchants: [{ ...DEMO_SHOP, name: 'Демо-магазин', notificationUrl: `${apiUrl}/webhooks/invoicebox` }],
    });
    closers.push(() => sandbox.close());
    const api = await startApi({
      port: apiPort,
      ...(process.env.TEST_DATABASE_URL ? { databaseUrl: process.env.TEST_DATABASE_URL } : {}),
      invoiceboxApiUrl: sandbox.url,
      invoiceboxToken: DEMO_SHOP.token,
      merchantId: DEMO_SHOP.merchantId,
      notificationKey: DEMO_SHOP.notificationKey,
      publicApiUrl: apiUrl,
      storefrontUrl: webUrl,
      adminToken,
      // The return page's own check must be what rescues a lost notification, not a background job.
      reconcileIntervalMs: false,
      logLevel: 'silent',
      // Every shopper here comes from 127.0.0.1: per-IP limits would throttle the suite (apps/api tests them).
      limits: UNLIMITED,
    });
    closers.push(() => api.close());
    const web = await startStorefront({ apiUrl, port: webPort });
    closers.push(() => web.close());
    const info: StackInfo = {
      webUrl: web.url,
      apiUrl: api.url,
      sandboxUrl: sandbox.url,
      adminToken,
      webOutDir: web.outDir,
    };
    return { info, close, outDir: web.outDir };
  } catch (error) {
    await close();
    throw error;
  }
}
