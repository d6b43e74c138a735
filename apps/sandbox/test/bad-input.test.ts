import { describe, expect, it } from 'vitest';
import { AUTH, docsOrder } from './support/fixtures.js';
import { useSandbox } from './support/sandbox.js';

// Whatever a client sends: a 4xx in the error envelope naming the problem, never a 500, nothing stored.
describe('bad input', () => {
  const sandbox = useSandbox();
  const orderCount = async () => {
    const res = await fetch(`${sandbox.url}/v3/filter/api/order/order`, { headers: AUTH });
    return ((await res.json()) as { metaData: { totalCount: number } }).metaData.totalCount;
  };
  const post = (path: string, body: string, contentType = 'application/json') =>
    fetch(`${sandbox.url}${path}`, {
      method: 'POST',
      headers: { ...AUTH, 'content-type': contentType },
      body,
    });

  const valid = docsOrder();
  const cases: [string, string, number, string, string?][] = [
    ['malformed JSON', '{"description": ', 400, 'invalid_json'],
    ['a JSON array', '[1,2]', 422, 'validation'],
    ['null', 'null', 422, 'validation'],
    ['amount as a word', JSON.stringify({ ...valid, amount: 'много' }), 422, 'validation', 'amount'],
    ['three decimals', JSON.stringify({ ...valid, amount: 371.881 }), 422, 'validation', 'amount'],
    [
      'a negative quantity',
      JSON.stringify({ ...valid, basketItems: [{ ...valid.basketItems[0], quantity: -3 }] }),
      422,
      'validation',
      'basketItems[0].quantity',
    ],
    [
      'an oversized description',
      JSON.stringify({ ...valid, description: 'x'.repeat(1001) }),
      422,
      'validation',
      'description',
    ],
    [
      'an oversized sku',
      JSON.stringify({ ...valid, basketItems: [{ ...valid.basketItems[0], sku: 's'.repeat(501) }] }),
      422,
      'validation',
      'basketItems[0].sku',
    ],
    [
      'an unknown VAT code',
      JSON.stringify({ ...valid, basketItems: [{ ...valid.basketItems[0], vatCode: 'RUS_VAT18' }] }),
      422,
      'validation',
      'basketItems[0].vatCode',
    ],
    [
      'an unknown roundPolicy',
      JSON.stringify({ ...valid, orderSetting: { roundPolicy: 'bankers' } }),
      422,
      'validation',
      'orderSetting.roundPolicy',
    ],
    ['an empty basket', JSON.stringify({ ...valid, basketItems: [] }), 422, 'validation', 'basketItems'],
    ['a missing customer', JSON.stringify({ ...valid, customer: undefined }), 422, 'validation', 'customer'],
    [
      'a body over 1 MB',
      JSON.stringify({ ...valid, description: 'x'.repeat(1_100_000) }),
      413,
      'payload_too_large',
    ],
  ];

  it.each(cases)('%s', async (_name, body, status, code, field) => {
    const before = await orderCount();
    const res = await post('/v3/billing/api/order/order', body);
    expect(res.status).toBe(status);
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    const { error } = (await res.json()) as {
      error: { code: string; message: string; fields: { name: string }[] };
    };
    expect(error.code).toBe(code);
    expect(error.message.length).toBeGreaterThan(0);
    if (field) expect(error.fields.map((f) => f.name)).toContain(field);
    expect(await orderCount()).toBe(before);
  });

  it('a body that is not JSON at all is 415', async () => {
    const res = await post('/v3/billing/api/order/order', 'amount=1', 'text/xml');
    expect(res.status).toBe(415);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('unsupported_media_type');
  });

  it('unknown routes and unknown orders are 404 envelopes', async () => {
    for (const path of ['/v3/nothing/here', '/v4/billing/api/order/order', '/_sandbox/orders/nope']) {
      const res = await fetch(`${sandbox.url}${path}`, { headers: AUTH });
      expect(res.status).toBe(404);
      expect(((await res.json()) as { error: { code: string } }).error.code).toBe('not_found');
      expect(res.headers.get('x-request-id')).toBeTruthy();
    }
    const order = await fetch(`${sandbox.url}/v3/billing/api/order/order/${'%00'.repeat(3)}`, {
      headers: AUTH,
    });
    expect(order.status).toBe(404);
  });

  it('refund and shipment bodies are checked too', async () => {
    for (const path of ['/v3/billing/api/order/refund-order', '/v3/billing/api/order/shipment']) {
      const res = await post(path, JSON.stringify({ parentId: 5 }));
      expect(res.status).toBe(422);
    }
    // An order body with a parentId has every field a refund needs (the rest is ignored): the parent is unknown.
    const res = await post(
      '/v3/billing/api/order/refund-order',
      JSON.stringify({ ...docsOrder(), parentId: 'x' }),
    );
    expect(res.status).toBe(404);
    expect(((await res.json()) as { error: { fields: { name: string }[] } }).error.fields[0]?.name).toBe(
      'parentId',
    );
  });

  it('payment page: odd form posts get the form back with errors, never a 500', async () => {
    const created = await post('/v3/billing/api/order/order', JSON.stringify(docsOrder()));
    const { data } = JSON.parse(await created.text()) as { data: { id: string; orderContainerId: string } };
    const pay = (body: string, type: string) =>
      fetch(`${sandbox.url}/order/${data.orderContainerId}/pay`, {
        method: 'POST',
        headers: { 'content-type': type },
        body,
      });
    for (const [body, type] of [
      ['{"name": 5, "cardNumber": ["4111111111111111"]}', 'application/json'],
      ['just text', 'text/plain'],
      [
        `name=${'x'.repeat(600)}&email=a@b.cd&phone=79001112233&type=private&cardNumber=4111111111111111&cardExpiry=12/30&cardCvc=123`,
        'application/x-www-form-urlencoded',
      ],
    ] as const) {
      const res = await pay(body, type);
      expect(res.status).toBe(422);
      expect(await res.text()).toContain('data-testid="form-error"');
    }
    const order = await fetch(`${sandbox.url}/_sandbox/orders/${data.id}`);
    expect(((await order.json()) as { order: { status: string } }).order.status).toBe('created');
    expect((await fetch(`${sandbox.url}/order/00000000-0000-0000-0000-000000000000`)).status).toBe(404);
  });

  it('control API: bad settings and unknown cards are 422', async () => {
    const settings = await fetch(`${sandbox.url}/_sandbox/settings`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ notifications: { dropRate: 7 } }),
    });
    expect(settings.status).toBe(422);
    const created = await post('/v3/billing/api/order/order', JSON.stringify(docsOrder()));
    const { data } = (await created.json()) as { data: { id: string } };
    const pay = await fetch(`${sandbox.url}/_sandbox/orders/${data.id}/pay`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ card: '1234' }),
    });
    expect(pay.status).toBe(422);
  });
});
