import { expect } from 'vitest';
import { itPaysThroughSandbox } from './example-flow.js';

itPaysThroughSandbox(
  'nextjs',
  'creates the order in a server action, and a route handler verifies the paid notification',
  async (url, merchantOrderId) => {
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
);
