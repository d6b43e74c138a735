import { rmSync } from 'node:fs';
import { dirname } from 'node:path';
import { startSandbox } from '@checkout/sandbox';
import { freePort } from '@checkout/testkit';
import { expect } from 'vitest';
import { type InstalledExample, startExample } from './example-app.js';

export const MERCHANT = {
  merchantId: 'example-shop',
  token: 'example-token',
  notificationKey: 'example-notification-key',
};

interface Delivery {
  requestBody: string;
  responseBody: string | null;
  outcome: string;
}

interface LastVerified {
  notification: { id: string; merchantOrderId: string; status: string };
  rawBody: string;
}

async function json<T>(response: Response): Promise<T> {
  const text = await response.text();
  if (!response.ok) throw new Error(`${response.url} answered ${response.status}: ${text}`);
  return JSON.parse(text) as T;
}

/**
 * Starts a sandbox that notifies the example, starts the example against it, lets `createOrder` create an order
 * through the example, pays it in the sandbox and waits until the example has verified the notification.
 * Asserts the example verified exactly the bytes the sandbox signed and sent, and the sandbox took the reply.
 */
export async function payThroughSandbox(
  example: InstalledExample,
  options: {
    webhookPath: string;
    readyPath: string;
    /** Creates the order through the example; returns the payment URL the example handed the buyer. */
    createOrder(exampleUrl: string, merchantOrderId: string): Promise<string>;
  },
) {
  const port = await freePort();
  const sandbox = await startSandbox({
    port: 0,
    retryTimeScale: 0.0001,
    log: false,
    merchants: [{ ...MERCHANT, notificationUrl: `http://127.0.0.1:${port}${options.webhookPath}` }],
  });
  const app = await startExample(
    example.dir,
    port,
    {
      INVOICEBOX_URL: sandbox.url,
      INVOICEBOX_TOKEN: MERCHANT.token,
      INVOICEBOX_MERCHANT_ID: MERCHANT.merchantId,
      INVOICEBOX_NOTIFICATION_KEY: MERCHANT.notificationKey,
      PUBLIC_URL: `http://127.0.0.1:${port}`,
    },
    options.readyPath,
  ).catch(async (error) => {
    await sandbox.close();
    throw error;
  });
  try {
    const merchantOrderId = `EX-${Date.now()}`;
    const paymentUrl = await options.createOrder(app.url, merchantOrderId);
    const { order } = await json<{ order: { id: string; paymentUrl: string } }>(
      await fetch(`${sandbox.url}/_sandbox/orders/${merchantOrderId}`),
    );
    expect(paymentUrl).toBe(order.paymentUrl);
    const orderId = order.id;
    await json(await fetch(`${sandbox.url}/_sandbox/orders/${orderId}/pay`, { method: 'POST' }));

    let last: LastVerified | null = null;
    const deadline = Date.now() + 30_000;
    while (last?.notification.id !== orderId) {
      if (Date.now() > deadline) throw new Error(`no verified notification for ${orderId}:\n${app.output()}`);
      await new Promise((resolve) => setTimeout(resolve, 200));
      last = await json<LastVerified | null>(await fetch(`${app.url}/notifications/last`));
    }
    expect(last.notification).toMatchObject({ merchantOrderId, status: 'completed' });

    const { deliveries } = await json<{ deliveries: Delivery[] }>(
      await fetch(`${sandbox.url}/_sandbox/deliveries?orderId=${orderId}`),
    );
    const delivered = deliveries.find((d) => d.outcome === 'delivered');
    expect(delivered, JSON.stringify(deliveries)).toBeDefined();
    // Verified on the raw bytes: what the example checked is byte for byte what the sandbox signed.
    expect(last.rawBody).toBe(delivered?.requestBody);
    expect(JSON.parse(delivered?.responseBody ?? '{}')).toEqual({ status: 'success' });
    return { merchantOrderId, orderId, output: app.output() };
  } finally {
    await app.stop();
    await sandbox.close();
    // node_modules of a Next.js app is hundreds of MB: do not leave one behind per run.
    rmSync(dirname(example.dir), { recursive: true, force: true });
  }
}
