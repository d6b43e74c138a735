import { expect, it } from 'vitest';
import { installExample } from '../support/example-app.js';
import { payThroughSandbox } from '../support/pay-through-sandbox.js';

type CreateOrder = Parameters<typeof payThroughSandbox>[1]['createOrder'];

/**
 * One example under examples/ as a shop would run it: installed from the packed SDK, built, started against a
 * sandbox, an order created through it by `createOrder`, paid, and the paid notification verified by its webhook.
 */
export function itPaysThroughSandbox(name: string, does: string, createOrder: CreateOrder): void {
  it(`examples/${name} ${does}`, async () => {
    const example = await installExample(name);
    console.log(
      `examples/${name}: npm install ${example.seconds.install} s, build ${example.seconds.build} s`,
    );
    await payThroughSandbox(example, {
      webhookPath: '/webhooks/invoicebox',
      readyPath: '/notifications/last',
      createOrder,
    });
  }, 900_000);
}

/** Creates the order through the example's JSON endpoint, POST /orders, and returns its payment URL. */
export const createOrderByJson: CreateOrder = async (url, merchantOrderId) => {
  const response = await fetch(`${url}/orders`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ merchantOrderId }),
  });
  expect(response.status).toBe(201);
  const order = (await response.json()) as { id: string; paymentUrl: string };
  return order.paymentUrl;
};
