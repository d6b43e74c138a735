import { SHOP_CUSTOMER_LIMITS } from '@checkout/invoicebox/web';
import { count, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { orders } from '../src/db/schema.js';
import { DRIVERS } from './support/databases.js';
import { checkoutInput, legalCustomer, privateCustomer } from './support/fixtures.js';
import { useHarness } from './support/harness.js';

// Everything here is decided before Invoicebox is reached: this API points at a closed port.
for (const driver of DRIVERS) {
  describe.skipIf(driver.skip)(`checkout input and an unreachable Invoicebox on ${driver.name}`, () => {
    const h = useHarness(driver.name, { sandbox: false });
    const storedOrders = async () => (await h.database.db.select({ n: count() }).from(orders))[0]?.n ?? 0;

    it('lists the seeded catalog with kopeck prices and mixed VAT codes', async () => {
      const products = await h.http().catalog.list.query();
      expect(products).toHaveLength(6);
      expect(new Set(products.map((p) => p.vatCode))).toEqual(new Set(['RUS_VAT22', 'RUS_VAT10', 'VATNONE']));
      for (const product of products) expect(Number.isInteger(product.price)).toBe(true);
    });

    const tampered: [string, Record<string, unknown>, RegExp][] = [
      ['an unknown sku', { lines: [{ sku: 'NOPE-1', quantity: 1 }] }, /lines\.0\.sku.*unknown product/],
      ['a zero quantity', { lines: [{ sku: 'TEA-100', quantity: 0 }] }, /quantity/],
      ['a huge quantity', { lines: [{ sku: 'TEA-100', quantity: 1_000_000 }] }, /quantity/],
      ['a negative quantity', { lines: [{ sku: 'TEA-100', quantity: -3 }] }, /quantity/],
      ['a fractional quantity', { lines: [{ sku: 'TEA-100', quantity: 1.5 }] }, /quantity/],
      ['a price in a line', { lines: [{ sku: 'TEA-100', quantity: 1, price: 1 }] }, /price/],
      ['an amount at the top', { amount: 100 }, /amount/],
      ['a bad INN', { customer: { ...legalCustomer, vatNumber: '7707083890' } }, /vatNumber/],
      ['no lines', { lines: [] }, /lines/],
      ['a NUL byte in the sku', { lines: [{ sku: 'TEA\u0000', quantity: 1 }] }, /control characters/],
      [
        'a NUL byte in the name',
        { customer: { ...legalCustomer, name: 'ООО\u0000Ромашка' } },
        /control characters/,
      ],
      ['the quantity as a string', { lines: [{ sku: 'TEA-100', quantity: '2' }] }, /quantity/],
      // The storefront's form refuses exactly these too (customer-form.test.ts): one schema, one set of limits.
      [
        'a name over the limit',
        { customer: { ...privateCustomer, name: 'Я'.repeat(SHOP_CUSTOMER_LIMITS.name + 1) } },
        /name/,
      ],
      [
        'a phone without a country code',
        { customer: { ...privateCustomer, phone: '495 123-45-67' } },
        /phone/,
      ],
      [
        'a phone over 15 digits',
        { customer: { ...privateCustomer, phone: '+1234 5678 9012 3456' } },
        /phone/,
      ],
      ['a company without its KPP', { customer: { ...legalCustomer, kpp: undefined } }, /kpp/],
    ];
    it.each(tampered)('refuses %s, naming the field, and stores nothing', async (_name, patch, message) => {
      const error = await h
        .http()
        .orders.create.mutate(checkoutInput(patch) as never)
        .catch((e: unknown) => e);
      expect(error).toMatchObject({ data: { code: 'BAD_REQUEST', httpStatus: 400 } });
      expect(String((error as Error).message)).toMatch(message);
      expect(await storedOrders()).toBe(0);
    });

    /** Places the order against the closed port: it is kept, unplaced, and the caller is told so. */
    const placeUnreachable = async (input: ReturnType<typeof checkoutInput>) => {
      await expect(h.http().orders.create.mutate(input)).rejects.toMatchObject({
        data: { code: 'SERVICE_UNAVAILABLE' },
      });
      const [row] = await h.database.db
        .select()
        .from(orders)
        .where(eq(orders.idempotencyKey, input.idempotencyKey));
      return row;
    };

    it('keeps the order pending when Invoicebox cannot be reached, and says so', async () => {
      const row = await placeUnreachable(checkoutInput());
      expect(row).toMatchObject({
        status: 'pending',
        createAttempts: 1,
        invoiceboxOrderId: null,
        placingUntil: null,
      });
      expect(row?.amount).toBe(2 * 34_900 + 300_000);
    });

    it('takes the longest name the storefront allows and stores the phone as Invoicebox wants it', async () => {
      const name = 'Я'.repeat(SHOP_CUSTOMER_LIMITS.name);
      const row = await placeUnreachable(
        checkoutInput({ customer: { ...privateCustomer, name, phone: '8 (900) 123-45-67' } }),
      );
      expect(row).toMatchObject({ customerName: name, customerPhone: '79001234567' });
    });

    it('answers byId for an unknown order with NOT_FOUND and a malformed id with BAD_REQUEST', async () => {
      await expect(
        h.http().orders.byId.query({ id: '00000000-0000-4000-8000-000000000000' }),
      ).rejects.toMatchObject({
        data: { code: 'NOT_FOUND' },
      });
      await expect(h.http().orders.byId.query({ id: 'x' })).rejects.toMatchObject({
        data: { code: 'BAD_REQUEST' },
      });
    });

    it('keeps staff procedures behind the admin token', async () => {
      await expect(h.http().admin.orders.list.query({})).rejects.toMatchObject({
        data: { code: 'UNAUTHORIZED' },
      });
      const wrong = await fetch(`${h.api.url}/trpc/admin.orders.list`, {
        headers: { authorization: 'Bearer nope' },
      });
      expect(wrong.status).toBe(401);
      expect(await h.http({ admin: true }).admin.orders.list.query({})).toEqual({ orders: [], total: 0 });
    });

    it('serves health, readiness and CORS for the storefront origin only', async () => {
      expect((await fetch(`${h.api.url}/healthz`)).status).toBe(200);
      expect(await (await fetch(`${h.api.url}/readyz`)).json()).toEqual({ status: 'ok' });
      const allowed = await fetch(`${h.api.url}/trpc/catalog.list`, {
        headers: { origin: 'http://localhost:5199' },
      });
      expect(allowed.headers.get('access-control-allow-origin')).toBe('http://localhost:5199');
      const other = await fetch(`${h.api.url}/trpc/catalog.list`, {
        headers: { origin: 'http://evil.example' },
      });
      expect(other.headers.get('access-control-allow-origin')).toBeNull();
      // Browsers have no business with the webhook or the probes: no CORS headers there, even for the storefront.
      const probe = await fetch(`${h.api.url}/healthz`, { headers: { origin: 'http://localhost:5199' } });
      expect(probe.headers.get('access-control-allow-origin')).toBeNull();
      const webhook = await fetch(`${h.api.url}/webhooks/invoicebox`, {
        method: 'POST',
        headers: { origin: 'http://localhost:5199', 'content-type': 'application/json' },
        body: '{}',
      });
      expect(await webhook.json()).toEqual({ status: 'error', code: 'signature_error' });
      expect(webhook.headers.get('access-control-allow-origin')).toBeNull();
    });
  });
}
