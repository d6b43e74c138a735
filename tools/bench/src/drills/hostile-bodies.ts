import { randomUUID } from 'node:crypto';
import { DEMO_SHOP, serializeInvoiceboxJson, signNotification } from '@checkout/invoicebox';

/** Deterministic so a failing body can be reproduced (mulberry32). */
export function prng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (max: number) => Math.floor(next() * max),
    pick: <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]!,
    bytes(length: number) {
      const out = new Uint8Array(length);
      for (let i = 0; i < length; i++) out[i] = Math.floor(next() * 256);
      return out;
    },
  };
}
export type Rng = ReturnType<typeof prng>;

/** A signature one hex digit off (never equal to the right one in any letter case). */
function flipLastHex(signature: string): string {
  const last = signature.at(-1) ?? '0';
  return `${signature.slice(0, -1)}${last === '0' ? '1' : '0'}`;
}

export type HostileNotification = {
  kind: string;
  body: Uint8Array<ArrayBuffer> | string;
  signature: string | undefined;
};

const WRONG_AMOUNTS = [0, -1, 0.01, 1e9, Number.MAX_SAFE_INTEGER, 'NaN', '3698.00', null, true, [], {}];
const NASTY_STRINGS = [
  "'; DROP TABLE orders; --",
  '../../etc/passwd',
  '\u0000',
  '𝕏'.repeat(3000),
  'a'.repeat(70_000),
  '{"$gt":""}',
  '<script>alert(1)</script>',
];

/**
 * Bodies for the notification route that must all be refused without a state change: random bytes, truncated
 * JSON, real order JSON with bad signatures, correctly signed JSON with wrong amounts or broken fields.
 * `orders` are real remote orders (the sandbox's JSON) of unpaid shop orders.
 */
export function hostileNotification(rng: Rng, orders: Record<string, unknown>[]): HostileNotification {
  const key = DEMO_SHOP.notificationKey;
  const base = { ...rng.pick(orders), status: 'completed' } as Record<string, unknown>;
  const valid = serializeInvoiceboxJson(base);
  switch (rng.int(6)) {
    case 0: {
      const body = rng.bytes(rng.int(2_000));
      return {
        kind: 'random bytes',
        body,
        signature: rng.next() < 0.5 ? signNotification(body, key) : undefined,
      };
    }
    case 1: {
      const body = valid.slice(0, rng.int(valid.length - 1));
      return {
        kind: 'truncated JSON',
        body,
        signature: rng.next() < 0.5 ? signNotification(body, key) : 'abc',
      };
    }
    case 2: {
      const signatures = [
        undefined,
        '',
        'x'.repeat(40),
        signNotification(valid, 'wrong-key'),
        flipLastHex(signNotification(valid, key)),
        signNotification(`${valid} `, key),
        `${signNotification(valid, key)}00`,
      ];
      return { kind: 'bad signature', body: valid, signature: rng.pick(signatures) };
    }
    case 3: {
      const amount = rng.pick(WRONG_AMOUNTS);
      const changed =
        typeof base.amount === 'number' && rng.next() < 0.5
          ? { ...base, amount: Math.round(base.amount * 100 + (rng.next() < 0.5 ? -1 : 1)) / 100 }
          : { ...base, amount };
      const body = serializeInvoiceboxJson(changed);
      return { kind: 'signed, wrong amount', body, signature: signNotification(body, key) };
    }
    case 4: {
      const mutations: Record<string, unknown>[] = [
        { currencyId: 'USD' },
        // A signed body naming a known Invoicebox order with the right amount is a genuine payment even if
        // merchantOrderId disagrees (the API trusts Invoicebox's id), so those always carry a wrong amount here.
        { merchantOrderId: rng.pick(NASTY_STRINGS), amount: rng.pick(WRONG_AMOUNTS) },
        { merchantId: randomUUID() },
        { status: rng.pick(['hacked', '', 'paid', null, 42]) },
        { amount: undefined, merchantOrderId: undefined },
        { merchantOrderId: randomUUID(), amount: rng.pick(WRONG_AMOUNTS) },
      ];
      const body = serializeInvoiceboxJson({ ...base, ...rng.pick(mutations) });
      return { kind: 'signed, broken fields', body, signature: signNotification(body, key) };
    }
    default: {
      const depth = 10 + rng.int(5_000);
      const body =
        rng.next() < 0.5
          ? `${'['.repeat(depth)}${']'.repeat(depth)}`
          : `{"a":${'{"a":'.repeat(depth)}1${'}'.repeat(depth + 1)}`;
      return { kind: 'signed, deep nesting', body, signature: signNotification(body, key) };
    }
  }
}

export type HostileCall = {
  kind: string;
  method: 'GET' | 'POST';
  path: string;
  body?: string;
  headers?: Record<string, string>;
};

/** Calls at the tRPC procedures that must be refused (none of them may create or change anything). */
export function hostileTrpc(rng: Rng, orderIds: string[]): HostileCall {
  const shopper = { type: 'private', name: 'Иван Петров', email: 'ivan@example.ru', phone: '+79001234567' };
  const badLines = [
    [],
    [{ sku: 'TEA-100', quantity: 0 }],
    [{ sku: 'TEA-100', quantity: -1 }],
    [{ sku: 'TEA-100', quantity: 1.5 }],
    [{ sku: 'TEA-100', quantity: '2' }],
    [{ sku: 'TEA-100', quantity: 1e308 }],
    [{ sku: 'TEA-100', quantity: 100_000 }],
    [{ sku: 'NO-SUCH-SKU', quantity: 1 }],
    [{ sku: rng.pick(NASTY_STRINGS), quantity: 1 }],
    [{ sku: 'TEA-100', quantity: 1, price: 1 }],
    Array.from({ length: 51 }, () => ({ sku: 'TEA-100', quantity: 1 })),
    'TEA-100',
  ];
  const badCustomers = [
    undefined,
    { ...shopper, type: 'robot' },
    { ...shopper, name: '' },
    { ...shopper, email: 'not-an-email' },
    { ...shopper, phone: 'call me' },
    { ...shopper, type: 'legal' },
    { ...shopper, type: 'legal', vatNumber: '7707083894', registrationAddress: 'Москва, ул. Ленина, 1' },
    { ...shopper, vatNumber: '7707083893' },
    { ...shopper, extra: true },
    { ...shopper, name: 'Иван\u0000Петров' },
  ];
  const goodLines = [{ sku: 'TEA-100', quantity: 1 }];
  const uuid = () => (rng.next() < 0.5 ? randomUUID() : rng.pick(orderIds));
  const notUuid = () => rng.pick(['', '1', "' OR 1=1 --", 'x'.repeat(5_000), null, 42, { id: 1 }]);
  const input = (value: unknown) => `input=${encodeURIComponent(JSON.stringify(value))}`;
  switch (rng.int(8)) {
    case 0: {
      const choice = rng.int(3);
      const body =
        choice === 0
          ? { idempotencyKey: randomUUID(), lines: rng.pick(badLines), customer: shopper }
          : choice === 1
            ? { idempotencyKey: randomUUID(), lines: goodLines, customer: rng.pick(badCustomers) }
            : { idempotencyKey: rng.pick(['', 'not-a-uuid', 42, null]), lines: goodLines, customer: shopper };
      return {
        kind: 'orders.create invalid',
        method: 'POST',
        path: 'orders.create',
        body: JSON.stringify(body),
      };
    }
    case 1: {
      const raw = Buffer.from(rng.bytes(rng.int(500))).toString('latin1');
      return { kind: 'orders.create garbage', method: 'POST', path: 'orders.create', body: raw };
    }
    case 2:
      return {
        kind: 'orders.byId',
        method: 'GET',
        path: `orders.byId?${input({ id: rng.next() < 0.5 ? notUuid() : randomUUID() })}`,
      };
    case 3:
      return {
        kind: 'orders.sync',
        method: 'GET',
        path: `orders.sync?${input({ id: rng.next() < 0.3 ? notUuid() : uuid() })}`,
      };
    case 4:
      return {
        kind: 'orders.requestRefund',
        method: 'POST',
        path: 'orders.requestRefund',
        body: JSON.stringify({ id: uuid(), reason: rng.pick(['', 'x'.repeat(20_000), 'хочу вернуть']) }),
      };
    case 5: {
      const paths = ['admin.orders.cancel', 'admin.refunds.create', 'admin.orders.list', 'admin.orders.byId'];
      const path = rng.pick(paths);
      const auth = rng.pick([
        undefined,
        'Bearer ',
        'Bearer wrong-token-123456',
        'Basic YWRtaW46YWRtaW4=',
        'demo-admin-token',
      ]);
      const headers: Record<string, string> = auth ? { authorization: auth } : {};
      const payload = path.startsWith('admin.refunds') ? { orderId: uuid() } : { id: uuid() };
      return path.endsWith('list') || path.endsWith('byId')
        ? { kind: 'admin without access', method: 'GET', path: `${path}?${input(payload)}`, headers }
        : { kind: 'admin without access', method: 'POST', path, body: JSON.stringify(payload), headers };
    }
    case 6:
      return {
        kind: 'batch and method abuse',
        method: rng.pick(['GET', 'POST'] as const),
        path: rng.pick([
          'orders.create',
          'orders.create,orders.create?batch=1',
          `orders.byId,orders.sync?batch=1&input=${encodeURIComponent('{"0":{"id":1},"1":')}`,
          'nope.nothing',
          '%00',
          'orders.byId?input=%7B',
        ]),
        body: '{"0":{"idempotencyKey":"x"}}',
      };
    default: {
      const depth = 10 + rng.int(3_000);
      return {
        kind: 'deep nesting',
        method: 'POST',
        path: 'orders.create',
        body: `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`,
      };
    }
  }
}
