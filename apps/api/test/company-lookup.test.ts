import { Writable } from 'node:stream';
import { isValidInn } from '@checkout/invoicebox';
import { createTRPCClient, httpLink, TRPCClientError } from '@trpc/client';
import { afterEach, describe, expect, it } from 'vitest';
import type { LimitsOptions } from '../src/limits/config.js';
import { createLogger } from '../src/logger.js';
import type { AppRouter } from '../src/trpc/root.js';
import { RELAXED_LIMITS, startTestApi, UNREACHABLE_INVOICEBOX } from '../testing/index.js';
import { type Garble, startCountingProxy } from './support/counting-proxy.js';
import { DRIVERS } from './support/databases.js';
import { checkoutInput } from './support/fixtures.js';
import { useHarness } from './support/harness.js';

const SBERBANK = {
  name: 'ПАО Сбербанк',
  kpp: '773601001',
  address: '117312, г. Москва, ул. Вавилова, д. 19',
  vatNumber: '7707083893',
};

/** The first valid INN that starts with `prefix` (the last digits are check digits). */
function validInn(prefix: string, length: 10 | 12): string {
  for (let tail = 0; tail < 10 ** (length - prefix.length); tail++) {
    const inn = `${prefix}${String(tail).padStart(length - prefix.length, '0')}`;
    if (isValidInn(inn)) return inn;
  }
  throw new Error(`no valid INN starts with ${prefix}`);
}

const COUNTERPARTY = /^GET \/v3\/filter\/api\/counterparty-detail/;
const listOf = (rows: object[]) =>
  JSON.stringify({ data: rows, metaData: { totalCount: rows.length, page: 1, pageSize: 30 } });

const client = (url: string, ip?: string) =>
  createTRPCClient<AppRouter>({
    links: [httpLink({ url: `${url}/trpc`, headers: () => (ip ? { 'x-forwarded-for': ip } : {}) })],
  });

const refusal = (error: unknown) =>
  error instanceof TRPCClientError
    ? (error.data as { code?: string; httpStatus?: number; issues?: { path: string[] }[] })
    : undefined;

for (const driver of DRIVERS) {
  describe.skipIf(driver.skip)(`company lookup by INN on ${driver.name}`, () => {
    const h = useHarness(driver.name);
    const extra: { close(): Promise<void> }[] = [];
    afterEach(async () => {
      await Promise.all(extra.splice(0).map((item) => item.close()));
    });

    /** An API on the harness's database whose Invoicebox is the sandbox behind a counting proxy. */
    async function apiBehindProxy(
      opts: { limits?: LimitsOptions; garble?: Garble; trustProxy?: boolean; log?: Writable } = {},
    ) {
      const proxy = await startCountingProxy(h.sandbox.url, opts.garble);
      extra.push(proxy);
      const { api } = await startTestApi({
        database: h.database,
        sandbox: false,
        invoiceboxApiUrl: proxy.url,
        limits: { ...RELAXED_LIMITS, ...opts.limits },
        ...(opts.trustProxy ? { trustProxy: true } : {}),
        ...(opts.log ? { logger: createLogger('info', opts.log) } : {}),
      });
      extra.push(api);
      return { api, proxy, lookups: () => proxy.count(COUNTERPARTY) };
    }

    it('finds a company: name, KPP and address from the registry; a second lookup is answered from the cache', async () => {
      const { api, lookups } = await apiBehindProxy();
      const shopper = client(api.url);
      expect(await shopper.companies.byInn.query({ vatNumber: SBERBANK.vatNumber })).toEqual([SBERBANK]);
      expect(await shopper.companies.byInn.query({ vatNumber: ` ${SBERBANK.vatNumber} ` })).toEqual([
        SBERBANK,
      ]);
      expect(lookups()).toBe(1);
      // Lookups that arrive together share one call too.
      const yandex = '7736207543';
      const together = await Promise.all(
        Array.from({ length: 5 }, () => shopper.companies.byInn.query({ vatNumber: yandex })),
      );
      expect(together.map((found) => found[0]?.name)).toEqual(Array(5).fill('ООО «ЯНДЕКС»'));
      expect(lookups()).toBe(2);
    });

    it('a sole trader (12-digit INN) comes without a KPP', async () => {
      const { api } = await apiBehindProxy();
      const inn = validInn('5003123456', 12);
      const [trader, ...more] = await client(api.url).companies.byInn.query({ vatNumber: inn });
      expect(more).toEqual([]);
      expect(trader).toMatchObject({ vatNumber: inn, kpp: null });
      expect(trader?.name).toMatch(/^ИП /);
      expect(trader?.address).toMatch(/Московская обл/);
    });

    it('an INN the registry does not know gives an empty list, kept for a while', async () => {
      const unknown = validInn('77010000', 10);
      const { api, lookups } = await apiBehindProxy({
        garble: { request: new RegExp(`vatNumber.*${unknown}`), body: listOf([]) },
      });
      const shopper = client(api.url);
      expect(await shopper.companies.byInn.query({ vatNumber: unknown })).toEqual([]);
      expect(await shopper.companies.byInn.query({ vatNumber: unknown })).toEqual([]);
      expect(lookups()).toBe(1);
    });

    it("a company's branches come as a list, one per KPP; other INNs' rows and bad KPPs are left out", async () => {
      const row = {
        vatNumber: SBERBANK.vatNumber,
        name: '',
        nameFull: 'Публичное акционерное общество «Сбербанк России»',
        registrationAddress: null,
        postAddress: '190000, г. Санкт-Петербург, ул. Садовая, д. 1',
      };
      const { api } = await apiBehindProxy({
        garble: {
          request: COUNTERPARTY,
          body: listOf([
            { ...row, taxRegistrationReasonCode: '773601001' },
            { ...row, taxRegistrationReasonCode: '784243001' },
            { ...row, taxRegistrationReasonCode: '784243001' },
            { ...row, taxRegistrationReasonCode: 'не КПП' },
            { ...row, vatNumber: '7736207543', taxRegistrationReasonCode: '770401001' },
          ]),
        },
      });
      const found = await client(api.url).companies.byInn.query({ vatNumber: SBERBANK.vatNumber });
      expect(found.map((company) => company.kpp)).toEqual(['773601001', '784243001', null]);
      expect(found[0]).toEqual({
        name: 'Публичное акционерное общество «Сбербанк России»',
        kpp: '773601001',
        address: '190000, г. Санкт-Петербург, ул. Садовая, д. 1',
        vatNumber: SBERBANK.vatNumber,
      });
    });

    it('an invalid INN is refused naming vatNumber, and Invoicebox is not asked', async () => {
      const { api, proxy } = await apiBehindProxy();
      const shopper = client(api.url);
      for (const vatNumber of ['7707083894', '12345', '77070838930', 'abcdefghij']) {
        const error = await shopper.companies.byInn.query({ vatNumber }).catch((e: unknown) => e);
        expect(refusal(error), vatNumber).toMatchObject({ code: 'BAD_REQUEST', httpStatus: 400 });
        expect(refusal(error)?.issues?.[0]?.path).toEqual(['vatNumber']);
      }
      const checksum = await shopper.companies.byInn
        .query({ vatNumber: '7707083894' })
        .catch((e: unknown) => e as Error);
      expect((checksum as Error).message).toMatch(/vatNumber \(INN\) has a wrong check digit/);
      expect(proxy.count()).toBe(0);
    });

    it('limits lookups per address; another address is unaffected', async () => {
      const { api, lookups } = await apiBehindProxy({
        trustProxy: true,
        limits: { companyLookup: { perIp: 3, windowMs: 60_000 } },
      });
      const first = client(api.url, '203.0.113.7');
      for (let i = 0; i < 3; i++) await first.companies.byInn.query({ vatNumber: SBERBANK.vatNumber });
      const refused = await first.companies.byInn
        .query({ vatNumber: SBERBANK.vatNumber })
        .catch((e: unknown) => e as Error);
      expect(refusal(refused)).toMatchObject({ code: 'TOO_MANY_REQUESTS', httpStatus: 429 });
      expect((refused as Error).message).toMatch(
        /Too many company lookups from your address: at most 3 per 60 s/,
      );
      const input = encodeURIComponent(JSON.stringify({ vatNumber: SBERBANK.vatNumber }));
      const raw = await fetch(`${api.url}/trpc/companies.byInn?input=${input}`, {
        headers: { 'x-forwarded-for': '203.0.113.7' },
      });
      expect(raw.status).toBe(429);
      expect(Number(raw.headers.get('retry-after'))).toBeGreaterThan(0);
      // Another shopper, and other procedures of the same one, go on.
      expect(
        await client(api.url, '203.0.113.8').companies.byInn.query({ vatNumber: SBERBANK.vatNumber }),
      ).toEqual([SBERBANK]);
      expect((await first.catalog.list.query()).length).toBeGreaterThan(0);
      expect(lookups()).toBe(1);
    });

    it('lookups use only the unreserved part of the Invoicebox budget: a checkout still goes out', async () => {
      const { api, proxy } = await apiBehindProxy({
        limits: { budget: { limit: 6, windowMs: 60_000, reservedShare: 0.5, waitMs: 2_000 } },
      });
      const shopper = client(api.url);
      const answers = await Promise.allSettled(
        ['7707083893', '7736207543', '7736050003', validInn('77010000', 10), validInn('78010000', 10)].map(
          (vatNumber) => shopper.companies.byInn.query({ vatNumber }),
        ),
      );
      expect(answers.filter((answer) => answer.status === 'fulfilled')).toHaveLength(3);
      const refused = answers.find((answer) => answer.status === 'rejected') as PromiseRejectedResult;
      expect(refusal(refused.reason)).toMatchObject({ code: 'TOO_MANY_REQUESTS' });
      expect((await shopper.orders.create.mutate(checkoutInput())).paymentUrl).toMatch(/^http/);
      expect(proxy.count(COUNTERPARTY)).toBe(3);
    });

    it('Invoicebox out of reach is a clean SERVICE_UNAVAILABLE, not kept in the cache', async () => {
      const { api } = await startTestApi({
        database: h.database,
        sandbox: false,
        invoiceboxApiUrl: UNREACHABLE_INVOICEBOX,
        invoiceboxRetry: { retries: 1, baseDelayMs: 5, maxDelayMs: 5 },
      });
      extra.push(api);
      for (let i = 0; i < 2; i++) {
        const error = await client(api.url)
          .companies.byInn.query({ vatNumber: SBERBANK.vatNumber })
          .catch((e: unknown) => e as Error);
        expect(refusal(error)).toMatchObject({ code: 'SERVICE_UNAVAILABLE', httpStatus: 503 });
        expect((error as Error).message).toMatch(/type the company details/);
      }
    });

    it("keeps a sole trader's INN out of the logs", async () => {
      let lines = '';
      const log = new Writable({
        write(chunk, _encoding, done) {
          lines += chunk.toString();
          done();
        },
      });
      const { api } = await apiBehindProxy({ log });
      const inn = validInn('5003765432', 12);
      expect(await client(api.url).companies.byInn.query({ vatNumber: inn })).toHaveLength(1);
      expect(lines).toContain('counterparty-detail');
      expect(lines).not.toContain(inn);
    });
  });
}
