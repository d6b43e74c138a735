import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { adminOrderListInput } from '../src/admin/list-input.js';
import { type AdminOrderRow, listOrders } from '../src/admin/list-orders.js';
import type { Database } from '../src/db/client.js';
import { migrateDatabase } from '../src/db/migrate.js';
import { orders } from '../src/db/schema.js';
import type { OrderStatus } from '../src/orders/status.js';
import { openTestDatabase, resetTables } from '../testing/index.js';
import { DRIVERS } from './support/databases.js';

const STATUSES: OrderStatus[] = ['paid', 'expired', 'awaiting_payment', 'canceled'];
const T0 = Date.parse('2026-11-01T10:00:00Z');

/** 47 orders; every five share one created_at, so only the tie-break by number keeps pages apart. */
async function seed(database: Database) {
  const rows = Array.from({ length: 47 }, (_, i) => ({
    id: randomUUID(),
    status: STATUSES[i % STATUSES.length]!,
    customerType: 'private',
    customerName: `Покупатель ${i}`,
    customerEmail: i === 7 ? 'Olga.Smirnova@Mail.ru' : `buyer${i}@example.ru`,
    customerPhone: `7912345${String(i).padStart(4, '0')}`,
    amount: 10_000 + i,
    vatAmount: 1_667,
    invoiceboxOrderId: i % 2 ? randomUUID() : null,
    idempotencyKey: randomUUID(),
    createdAt: new Date(T0 + Math.floor(i / 5) * 60_000),
  }));
  // Inserted out of order, so neither insertion order nor number order is time order by accident.
  for (const row of [...rows].reverse()) await database.db.insert(orders).values(row);
  return database.db.select().from(orders);
}

const newestFirst = (a: { createdAt: Date | string; number: number }, b: typeof a) =>
  new Date(b.createdAt).getTime() - new Date(a.createdAt).getTime() || b.number - a.number;

for (const driver of DRIVERS) {
  describe.skipIf(driver.skip)(`staff order list and search (${driver.name})`, () => {
    let database: Database;
    let dispose: () => Promise<void>;
    let seeded: Awaited<ReturnType<typeof seed>>;
    const list = (input: Parameters<typeof adminOrderListInput.parse>[0]) =>
      listOrders(database.db, adminOrderListInput.parse(input));
    const numbersOf = (rows: AdminOrderRow[]) => rows.map((row) => row.number);

    beforeAll(async () => {
      ({ database, dispose } = await openTestDatabase(driver.name));
      await migrateDatabase(database);
    });
    afterAll(() => dispose());
    beforeEach(async () => {
      await resetTables(database);
      seeded = await seed(database);
    });

    async function walk(input: { status?: OrderStatus[]; pageSize: number }) {
      const seen: AdminOrderRow[] = [];
      let cursor: number | undefined;
      for (let pages = 0; pages < 100; pages++) {
        const page = await list({ ...input, ...(cursor === undefined ? {} : { cursor }) });
        expect(page.orders.length).toBeLessThanOrEqual(input.pageSize);
        seen.push(...page.orders);
        if (page.nextCursor === undefined) return seen;
        expect(page.orders).toHaveLength(input.pageSize);
        cursor = page.nextCursor;
      }
      throw new Error('the cursor never reached the end');
    }

    it('pages by cursor newest first, ties broken by number: no order twice, none skipped', async () => {
      const all = await walk({ pageSize: 7 });
      expect(numbersOf(all)).toEqual([...seeded].sort(newestFirst).map((row) => row.number));
      expect(new Set(numbersOf(all)).size).toBe(47);
      const first = await list({ pageSize: 7 });
      expect(first.total).toBe(47);
      expect(first).not.toHaveProperty('totalCapped');
      expect(first.nextCursor).toBe(first.orders.at(-1)?.number);
    });

    it('filters by status, alone and together, across pages', async () => {
      const paid = await walk({ status: ['paid'], pageSize: 4 });
      const expected = seeded.filter((row) => row.status === 'paid').sort(newestFirst);
      expect(numbersOf(paid)).toEqual(expected.map((row) => row.number));
      expect(paid.every((row) => row.status === 'paid')).toBe(true);
      const two = await walk({ status: ['expired', 'canceled'], pageSize: 5 });
      expect(numbersOf(two)).toEqual(
        seeded
          .filter((row) => row.status === 'expired' || row.status === 'canceled')
          .sort(newestFirst)
          .map((row) => row.number),
      );
      expect((await list({ status: ['refunded'] })).orders).toEqual([]);
    });

    it('finds an order by e-mail (any part, any case), phone, number, Invoicebox id and order id', async () => {
      const olga = seeded.find((row) => row.customerEmail === 'Olga.Smirnova@Mail.ru')!;
      const withRemote = seeded.find((row) => row.invoiceboxOrderId !== null)!;
      const only = async (search: string, row: typeof olga) => {
        const found = await list({ search });
        expect(
          found.orders.map((o) => o.id),
          search,
        ).toEqual([row.id]);
        expect(found.total).toBe(1);
      };
      await only('olga.smirnova@mail.ru', olga);
      await only('OLGA.SMIRNOVA@', olga);
      await only('Smirnova', olga);
      await only(`+7 (912) 345-${olga.customerPhone.slice(7, 9)}-${olga.customerPhone.slice(9)}`, olga);
      await only(`8 912 345 ${olga.customerPhone.slice(7)}`, olga);
      await only(olga.customerPhone.slice(1), olga);
      await only(olga.customerPhone.slice(4), olga);
      await only(`№ ${olga.number}`, olga);
      await only(String(olga.number), olga);
      await only(withRemote.invoiceboxOrderId!, withRemote);
      await only(withRemote.invoiceboxOrderId!.toUpperCase(), withRemote);
      await only(withRemote.id, withRemote);
      // A part of many: every phone here starts 7912345.
      expect((await list({ search: '912345', pageSize: 100 })).orders).toHaveLength(47);
      expect((await list({ search: 'example.ru', status: ['paid'], pageSize: 100 })).orders).toHaveLength(
        seeded.filter((row) => row.status === 'paid' && row.customerEmail.endsWith('example.ru')).length,
      );
    });

    it('finds any part of an address typed with quotes, backslashes or tsquery operators, literally', async () => {
      const odd = "d'art.a\\g&n!|(x):*@Example.ru";
      await database.db.insert(orders).values({
        id: randomUUID(),
        status: 'paid',
        customerType: 'private',
        customerName: 'Д’Артаньян',
        customerEmail: odd,
        customerPhone: '79990000000',
        amount: 10_000,
        vatAmount: 1_667,
        idempotencyKey: randomUUID(),
      });
      for (const search of ["D'ART", "'art.a\\g", 'g&n!|(x):*', 'a\\g&n', 'N!|(X']) {
        expect(
          (await list({ search })).orders.map((row) => row.customerEmail),
          search,
        ).toEqual([odd]);
      }
      for (const search of ["d'arx", 'g&n!x', "x):*''"]) {
        expect((await list({ search })).orders, search).toEqual([]);
      }
    });

    it('treats LIKE wildcards literally and finds nothing for a search that fits no key', async () => {
      for (const search of ['%', '%%%', '___', '_@', 'no-such@shop.ru', 'ab', '1 2 3', '№ 99999']) {
        expect((await list({ search })).orders, search).toEqual([]);
      }
    });

    it('pages search results by cursor too', async () => {
      const all = await list({ search: 'example.ru', pageSize: 100 });
      const firstPage = await list({ search: 'example.ru', pageSize: 10 });
      const second = await list({ search: 'example.ru', pageSize: 10, cursor: firstPage.nextCursor! });
      expect(numbersOf([...firstPage.orders, ...second.orders])).toEqual(numbersOf(all.orders).slice(0, 20));
    });

    it('refuses a cursor that is not an order number, naming it', () => {
      expect(() => adminOrderListInput.parse({ cursor: 'abc' })).toThrow(/cursor/);
      expect(() => adminOrderListInput.parse({ cursor: 0 })).toThrow(/cursor/);
      expect(() => adminOrderListInput.parse({ page: 2 })).toThrow(/page/);
    });
  });
}
