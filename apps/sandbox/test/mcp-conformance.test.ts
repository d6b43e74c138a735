import { randomBytes } from 'node:crypto';
import { DEMO_SHOP, toKopecks } from '@checkout/invoicebox';
import { beforeAll, describe, expect, it } from 'vitest';
import { control, inOneDay, type Json } from './support/fixtures.js';
import { useSandbox } from './support/sandbox.js';

/*
 * Every call Invoicebox's own MCP server (@invoicebox/mcp-server 0.2.1; research §12.3, §16) makes, written here
 * in the shapes it sends: its headers, its query spelling (URLSearchParams, so brackets travel percent-encoded,
 * arrays as repeated keys), its bodies (amounts from integer kopecks, `Number((k / 100).toFixed(2))`).
 */

type Query = Record<string, string | number | readonly string[] | undefined>;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const toApiAmount = (kopecks: number) => Number((kopecks / 100).toFixed(2));

/** What the client checks of every answer it accepts: JSON content type, amounts with at most 2 decimals. */
function checkAnswer(status: number, contentType: string | null, data: unknown) {
  if (status >= 200 && status < 300) expect(contentType).toMatch(/^application\/json/);
  const rows = Array.isArray(data) ? data : [data];
  for (const row of rows) {
    for (const key of ['amount', 'vatAmount', 'availableAmount']) {
      const value = (row as Record<string, unknown> | null)?.[key];
      if (value === undefined) continue;
      expect(typeof value).toBe('number');
      expect(toApiAmount(toKopecks(value as number))).toBe(value);
    }
  }
}

function mcpClient(base: string, token: string) {
  const headers = {
    Authorization: `Bearer ${token}`,
    Accept: 'application/json',
    'User-Agent': 'Invoicebox MCP Server/0.2.1 (Node.js/20; linux x64)',
  };
  const urls: string[] = [];
  async function send(method: string, path: string, query: Query = {}, body?: unknown) {
    const url = new URL(`${base}/v3${path}`);
    for (const [key, value] of Object.entries(query)) {
      if (value === undefined) continue;
      if (Array.isArray(value)) for (const item of value) url.searchParams.append(key, String(item));
      else url.searchParams.set(key, String(value));
    }
    urls.push(url.toString());
    const res = await fetch(url, {
      method,
      headers: body === undefined ? headers : { ...headers, 'Content-Type': 'application/json' },
      redirect: method === 'GET' ? 'follow' : 'manual',
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    expect(res.headers.get('x-request-id')).toBeTruthy(); // the client reports it with every answer
    const parsed = JSON.parse(await res.text()) as Json;
    checkAnswer(res.status, res.headers.get('content-type'), parsed.data);
    return { status: res.status, data: parsed.data, meta: parsed.metaData, error: parsed.error, raw: parsed };
  }
  return {
    urls,
    get: (path: string, query?: Query) => send('GET', path, query),
    post: (path: string, body: unknown) => send('POST', path, {}, body),
    delete: (path: string) => send('DELETE', path),
  };
}

/** MCP's `orderNumber`: `mcp-<yyyymmdd>-<8 hex of the argument hash>`. */
const orderNumber = () =>
  `mcp-${new Date().toISOString().slice(0, 10).replace(/-/g, '')}-${randomBytes(4).toString('hex')}`;

/** MCP's `toApiBasket` output for a service at 22 % VAT (2 × 1500.00) and goods without VAT (3 × 333.33). */
const LINES = [
  {
    sku: 'svc-1',
    name: 'Консультация',
    type: 'service',
    measure: 'шт',
    measureCode: '796',
    quantity: 2,
    amount: toApiAmount(150_000),
    amountWoVat: toApiAmount(Math.round((300_000 - 54_098) / 2)),
    totalAmount: toApiAmount(300_000),
    totalVatAmount: toApiAmount(54_098),
    vatCode: 'RUS_VAT22',
    paymentType: 'full_payment',
  },
  {
    sku: 'cable-7',
    name: 'Кабель',
    type: 'commodity',
    measure: 'шт',
    measureCode: '796',
    quantity: 3,
    amount: toApiAmount(33_333),
    amountWoVat: toApiAmount(33_333),
    totalAmount: toApiAmount(99_999),
    totalVatAmount: 0,
    vatCode: 'VATNONE',
    paymentType: 'full_payment',
    groupName: 'Комплектующие',
  },
];

/** The body `create_order` posts (legal customer, the shop's merchant id, a generated merchantOrderId). */
function createOrderBody(merchantOrderId = orderNumber()) {
  return {
    merchantId: DEMO_SHOP.merchantId,
    merchantOrderId,
    description: 'Счёт по договору 12/3',
    amount: toApiAmount(399_999),
    vatAmount: toApiAmount(54_098),
    currencyId: 'RUB',
    languageId: 'ru',
    expirationDate: inOneDay().replace('+00:00', 'Z'),
    basketItems: LINES,
    customer: {
      type: 'legal',
      name: 'ООО «Вектор»',
      vatNumber: '5402123450',
      taxRegistrationReasonCode: '540201001',
      registrationAddress: '630000, г. Новосибирск, ул. Ленина, д. 1',
      email: 'buh@vektor.example',
      phone: '79001112233',
    },
  };
}

describe('what the Invoicebox MCP server sends, against a running sandbox', () => {
  const sandbox = useSandbox({ refundCompletionDelayMs: 60_000 });
  let mcp: ReturnType<typeof mcpClient>;
  const startedAt = Date.now();

  beforeAll(() => {
    mcp = mcpClient(sandbox.url, DEMO_SHOP.token);
  });

  async function createOrder() {
    const res = await mcp.post('/billing/api/order/order', createOrderBody());
    expect(res.status).toBe(200);
    expect(res.data.id).toMatch(UUID);
    return res.data;
  }

  const pay = (id: string) => control(sandbox.url, 'POST', `/_sandbox/orders/${id}/pay`, {});

  it('start-up: auth/auth answers a non-empty userId for a valid token', async () => {
    const res = await mcp.get('/security/api/auth/auth');
    expect(res.status).toBe(200);
    expect(typeof res.data.userId).toBe('string');
    expect(res.data.userId).not.toBe('');
  });

  it('create_order: its body is accepted; the same merchantOrderId again is 422 merchant_order_id_duplicate', async () => {
    const body = createOrderBody();
    const created = await mcp.post('/billing/api/order/order', body);
    expect(created.status).toBe(200);
    expect(created.data).toMatchObject({
      merchantOrderId: body.merchantOrderId,
      status: 'created',
      amount: 3999.99,
      vatAmount: 540.98,
    });
    expect(created.data.paymentUrl).toBeTruthy();
    const again = await mcp.post('/billing/api/order/order', body);
    expect(again.status).toBe(422);
    expect(again.error.code).toBe('merchant_order_id_duplicate');
  });

  it('get_order: by id under /billing, and by merchantOrderId with exactly one row back', async () => {
    const order = await createOrder();
    await createOrder();
    const byId = await mcp.get(`/billing/api/order/order/${order.id}`);
    expect(byId.status).toBe(200);
    expect(byId.data).toMatchObject({
      id: order.id,
      merchantOrderId: order.merchantOrderId,
      status: 'created',
    });

    const byNumber = await mcp.get('/filter/api/order/order', {
      merchantOrderId: order.merchantOrderId,
      _pageSize: 5,
    });
    expect(byNumber.data.map((o: Json) => o.id)).toEqual([order.id]);
    const none = await mcp.get('/filter/api/order/order', {
      merchantOrderId: 'mcp-19990101-00000000',
      _pageSize: 5,
    });
    expect(none.data).toEqual([]);
  });

  it('find_orders: _page/_pageSize, _order[createdAt]=desc, repeated status=, createdAt[_ge]/[_le], metaData.totalCount', async () => {
    const paid = await createOrder();
    await pay(paid.id);
    const canceled = await createOrder();
    await mcp.delete(`/billing/api/order/order/${canceled.id}`);

    const all = (await control(sandbox.url, 'GET', '/_sandbox/orders')).body.orders as Json[];
    const wanted = all.filter((o) => o.status === 'created' || o.status === 'completed');
    // MCP passes the model's own timestamps through: Moscow offsets as often as UTC.
    const moscow = new Date(startedAt - 60_000 + 3 * 3_600_000).toISOString().slice(0, 19);
    const from = `${moscow}+03:00`;
    expect(Date.parse(from)).toBe(Math.floor((startedAt - 60_000) / 1000) * 1000);
    const to = new Date(Date.now() + 60_000).toISOString();
    const query = (page: number) => ({
      _page: page,
      _pageSize: 2,
      '_order[createdAt]': 'desc',
      status: ['created', 'completed'],
      'createdAt[_ge]': from,
      'createdAt[_le]': to,
    });

    const seen: Json[] = [];
    for (let page = 1; page <= Math.ceil(wanted.length / 2); page++) {
      const res = await mcp.get('/filter/api/order/order', query(page));
      expect(res.status).toBe(200);
      expect(res.meta).toMatchObject({ totalCount: wanted.length, page, pageSize: 2 });
      seen.push(...res.data);
    }
    expect(mcp.urls.at(-1)).toContain('_order%5BcreatedAt%5D=desc');
    expect(mcp.urls.at(-1)).toContain('status=created&status=completed');
    expect(mcp.urls.at(-1)).toContain('createdAt%5B_ge%5D=');
    expect(seen.map((o) => o.id).sort()).toEqual(wanted.map((o) => o.id).sort());
    expect(seen.every((o) => o.status === 'created' || o.status === 'completed')).toBe(true);
    const times = seen.map((o) => Date.parse(o.createdAt));
    expect(times).toEqual([...times].sort((a, b) => b - a));

    const single = await mcp.get('/filter/api/order/order', { ...query(1), status: 'completed' });
    expect(single.meta.totalCount).toBe(wanted.filter((o) => o.status === 'completed').length);
    const future = new Date(Date.now() + 3_600_000).toISOString();
    const empty = await mcp.get('/filter/api/order/order', { ...query(1), 'createdAt[_ge]': future });
    expect(empty.meta.totalCount).toBe(0);
  });

  it('cancel_order: reads the order, then DELETE leaves it canceled; a paid one is refused', async () => {
    const order = await createOrder();
    expect((await mcp.get(`/billing/api/order/order/${order.id}`)).data.status).toBe('created');
    const res = await mcp.delete(`/billing/api/order/order/${order.id}`);
    expect(res.status).toBe(200);
    expect(res.data.status).toBe('canceled');
    expect((await mcp.get(`/billing/api/order/order/${order.id}`)).data.status).toBe('canceled');

    const paid = await createOrder();
    await pay(paid.id);
    const refused = await mcp.delete(`/billing/api/order/order/${paid.id}`);
    expect(refused.status).toBe(422);
    expect(refused.error.code).toBe('wrong_order_status');
  });

  it('create_refund: parent exactly completed; refund-basket-item rows carry sku and a shrinking availableAmount', async () => {
    const order = await createOrder();
    const unpaid = await mcp.get(`/billing/api/order/order/${order.id}`);
    expect(unpaid.data.status).toBe('created');
    await pay(order.id);
    expect((await mcp.get(`/billing/api/order/order/${order.id}`)).data.status).toBe('completed');

    const available = async () => {
      const res = await mcp.get(`/billing/api/order/order/${order.id}/refund-basket-item`);
      expect(res.status).toBe(200);
      for (const row of res.data) {
        expect(typeof row.sku).toBe('string');
        expect(row.sku).not.toBe('');
        expect(typeof row.availableAmount).toBe('number');
      }
      return new Map<string, Json>(res.data.map((row: Json) => [row.sku, row]));
    };
    const before = await available();
    expect(before.get('svc-1')).toMatchObject({ availableAmount: 3000, availableVatAmount: 540.98 });
    expect(before.get('cable-7')).toMatchObject({ availableAmount: 999.99 });

    // By composition: one cable (prepareLines: quantity 1, unit net price computed from the totals).
    const cable = { ...LINES[1], quantity: 1, totalAmount: toApiAmount(33_333) };
    const partial = await mcp.post('/billing/api/order/refund-order', {
      parentId: order.id,
      merchantOrderId: orderNumber(),
      description: 'Возврат одного кабеля',
      amount: toApiAmount(33_333),
      vatAmount: 0,
      basketItems: [cable],
    });
    expect(partial.status).toBe(200);
    expect(partial.data).toMatchObject({ parentId: order.id, status: 'created', amount: 333.33 });
    const middle = await available();
    expect(middle.get('cable-7').availableAmount).toBe(666.66);
    expect(middle.get('svc-1').availableAmount).toBe(3000);

    // The rest in full (refundAllLines: one unit per line, priced at what is still available).
    const lines = [...middle.values()]
      .filter((row) => row.availableAmount > 0)
      .map((row) => {
        const total = toKopecks(row.availableAmount);
        const vat = toKopecks(row.availableVatAmount ?? 0);
        return {
          sku: row.sku,
          name: row.name,
          type: 'commodity',
          measure: row.measure ?? 'шт',
          measureCode: row.measureCode ?? '796',
          quantity: 1,
          amount: toApiAmount(total),
          amountWoVat: toApiAmount(total - vat),
          totalAmount: toApiAmount(total),
          totalVatAmount: toApiAmount(vat),
          vatCode: row.vatCode ?? 'VATNONE',
          paymentType: 'full_payment',
        };
      });
    const sum = (key: 'totalAmount' | 'totalVatAmount') =>
      lines.reduce((acc, line) => acc + toKopecks(line[key]), 0);
    const rest = await mcp.post('/billing/api/order/refund-order', {
      parentId: order.id,
      merchantOrderId: orderNumber(),
      description: 'Возврат остатка',
      amount: toApiAmount(sum('totalAmount')),
      vatAmount: toApiAmount(sum('totalVatAmount')),
      basketItems: lines,
    });
    expect(rest.status).toBe(200);
    expect(rest.data.amount).toBe(3666.66);
    const after = await available();
    expect([...after.values()].map((row) => row.availableAmount)).toEqual([0, 0]);
  });

  it('create_shipment / find_shipments: POST with final, listed under /billing by orderId with _pageSize=50', async () => {
    const order = await createOrder();
    const other = await createOrder();
    await pay(order.id);
    await pay(other.id);
    const list = (orderId: string, query: Query = { _pageSize: 50 }) =>
      mcp.get('/billing/api/order/shipment', { orderId, ...query });

    const empty = await list(order.id);
    expect(empty.status).toBe(200);
    expect(empty.data).toEqual([]);
    expect(empty.meta.totalCount).toBe(0);

    const post = (orderId: string, basketItems: unknown[], final: boolean, documentNumber?: string) =>
      mcp.post('/billing/api/order/shipment', {
        orderId,
        basketItems,
        final,
        ...(documentNumber === undefined ? {} : { documentNumber, documentDate: '2026-12-01' }),
      });
    const first = await post(order.id, [LINES[0]], false, 'УПД-1');
    expect(first.status).toBe(200);
    expect(first.data).toMatchObject({ orderId: order.id, final: false, amount: 3000, vatAmount: 540.98 });
    expect(Number.isInteger(first.data.id)).toBe(true);
    expect(first.data.status).toBeTruthy();
    expect((await post(other.id, LINES, true)).status).toBe(200);
    const final = await post(order.id, [LINES[1]], true);
    expect(final.status).toBe(200);
    expect(final.data.final).toBe(true);

    const shipments = await list(order.id);
    expect(shipments.meta.totalCount).toBe(2);
    expect(shipments.data.map((s: Json) => s.orderId)).toEqual([order.id, order.id]);
    expect(shipments.data.map((s: Json) => s.final)).toEqual([false, true]);
    const shippedKopecks = shipments.data
      .flatMap((s: Json) => s.basketItems)
      .reduce((acc: number, item: Json) => acc + toKopecks(item.totalAmount), 0);
    expect(shippedKopecks).toBe(399_999);

    const paged = await list(order.id, { _page: 2, _pageSize: 1, '_order[createdAt]': 'asc' });
    expect(paged.data.map((s: Json) => s.id)).toEqual([final.data.id]);
    const findShipments = await list(order.id, { _page: 1, _pageSize: 20 });
    expect(findShipments.data).toHaveLength(2);
  });

  it('lookup_company_by_inn: counterparty-detail by vatNumber', async () => {
    const res = await mcp.get('/filter/api/counterparty-detail', { vatNumber: '7736207543' });
    expect(res.status).toBe(200);
    const [found] = res.data;
    expect(found).toMatchObject({ vatNumber: '7736207543', taxRegistrationReasonCode: '770401001' });
    for (const key of ['name', 'nameFull', 'registrationNumber', 'registrationDate']) {
      expect(typeof found[key]).toBe('string');
    }
  });
});
