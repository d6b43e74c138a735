import { describe, expect, it } from 'vitest';
import { control, parseJson } from './support/fixtures.js';
import { createOrder, useSandbox } from './support/sandbox.js';

describe('control API: cross-site requests and redirects', () => {
  const sandbox = useSandbox();

  const create = async () => (await createOrder(sandbox)) as { id: string };
  const statusOf = async (id: string) =>
    (await control(sandbox.url, 'GET', `/_sandbox/orders/${id}`)).body.order.status as string;
  const formPost = (path: string, headers: Record<string, string>) =>
    fetch(`${sandbox.url}${path}`, {
      method: 'POST',
      redirect: 'manual',
      headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
      body: 'card=4111111111111111',
    });

  it('a form posted from another site is refused and changes nothing', async () => {
    const order = await create();
    const fromOrigin = await formPost(`/_sandbox/orders/${order.id}/pay`, { origin: 'http://evil.example' });
    expect(fromOrigin.status).toBe(403);
    expect(parseJson(await fromOrigin.text()).error.message).toContain('Origin: http://evil.example');
    const fromSite = await formPost(`/_sandbox/orders/${order.id}/pay`, { 'sec-fetch-site': 'cross-site' });
    expect(fromSite.status).toBe(403);
    const opaque = await formPost('/_sandbox/reset', { origin: 'null' });
    expect(opaque.status).toBe(403);
    expect(await statusOf(order.id)).toBe('created');
  });

  it("the dashboard's own same-origin form still acts, and clients without Origin still work", async () => {
    const order = await create();
    const own = await formPost(`/_sandbox/orders/${order.id}/decline?redirect=/`, {
      origin: sandbox.url,
      'sec-fetch-site': 'same-origin',
    });
    expect(own.status).toBe(303);
    expect(own.headers.get('location')).toBe('/');
    const cli = await control(sandbox.url, 'POST', `/_sandbox/orders/${order.id}/pay`, {});
    expect(cli.status).toBe(200);
    expect(await statusOf(order.id)).toBe('completed');
  });

  // The redirect parameter only leads to the sandbox's own pages; any other target gets no redirect at all.
  it.each([
    ['//evil.example/', null],
    ['/\\evil.example', null],
    ['https://evil.example/', null],
    ['/%0d%0aX:1', null],
    ['/v3/x', null],
    ['/', '/'],
    ['/?tab=orders', '/?tab=orders'],
    ['/_sandbox/orders', '/_sandbox/orders'],
    ['/order/abc', '/order/abc'],
  ])('reset with redirect=%s redirects to %s', async (target, location) => {
    const res = await fetch(`${sandbox.url}/_sandbox/reset?redirect=${encodeURIComponent(target)}`, {
      method: 'POST',
      redirect: 'manual',
    });
    expect(res.status).toBe(location === null ? 200 : 303);
    expect(res.headers.get('location')).toBe(location);
  });
});
