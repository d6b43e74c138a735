import { expect, it } from 'vitest';
import { installExample } from '../support/example-app.js';
import { payThroughSandbox } from '../support/pay-through-sandbox.js';

it('examples/nextjs: a server action creates the order, a route handler verifies the paid notification', async () => {
  const example = await installExample('nextjs');
  console.log(`examples/nextjs: npm install ${example.seconds.install} s, build ${example.seconds.build} s`);
  await payThroughSandbox(example, {
    webhookPath: '/webhooks/invoicebox',
    readyPath: '/notifications/last',
    async createOrder(url, merchantOrderId) {
      // Submit the checkout form the way a browser without JavaScript does: React renders the server action's id
      // as a hidden field, and Next answers the POST with the action's redirect.
      const page = await (await fetch(url)).text();
      const actionField = page.match(/name="(\$ACTION_ID_[0-9a-f]+)"/)?.[1];
      expect(actionField, page).toBeDefined();
      const form = new FormData();
      form.set(actionField as string, '');
      form.set('merchantOrderId', merchantOrderId);
      const response = await fetch(url, { method: 'POST', body: form, redirect: 'manual' });
      expect(response.status).toBe(303);
      return response.headers.get('location') ?? '';
    },
  });
}, 900_000);
