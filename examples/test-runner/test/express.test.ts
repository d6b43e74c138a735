import { expect, it } from 'vitest';
import { installExample } from '../support/example-app.js';
import { payThroughSandbox } from '../support/pay-through-sandbox.js';

it('examples/express creates an order, and its express.raw webhook verifies the paid notification', async () => {
  const example = await installExample('express');
  console.log(`examples/express: npm install ${example.seconds.install} s, build ${example.seconds.build} s`);
  await payThroughSandbox(example, {
    webhookPath: '/webhooks/invoicebox',
    readyPath: '/notifications/last',
    async createOrder(url, merchantOrderId) {
      const response = await fetch(`${url}/orders`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ merchantOrderId }),
      });
      expect(response.status).toBe(201);
      const order = (await response.json()) as { id: string; paymentUrl: string };
      return order.paymentUrl;
    },
  });
}, 900_000);
