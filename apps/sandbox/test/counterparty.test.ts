import { describe, expect, it } from 'vitest';
import { AUTH, type Json, parseJson } from './support/fixtures.js';
import { useSandbox } from './support/sandbox.js';

/** The fields of a counterparty in the docs (§5.13), each with its maximum length where the docs give one. */
const DOCS_FIELDS: Record<string, number | null> = {
  id: null,
  vatNumber: null,
  taxRegistrationReasonCode: null,
  name: 100,
  nameFull: 300,
  nameI18n: 300,
  registrationNumber: 20,
  registrationDate: null,
  registrationAddress: 200,
  postAddress: 200,
  postAddressZip: 6,
};

/** ОГРН (13 digits, mod 11) and ОГРНИП (15 digits, mod 13) carry their own check digit. */
function validOgrn(value: string): boolean {
  if (!/^(\d{13}|\d{15})$/.test(value)) return false;
  const head = BigInt(value.slice(0, -1));
  return Number(head % BigInt(value.length === 13 ? 11 : 13)) % 10 === Number(value.at(-1));
}

describe('GET /v3/filter/api/counterparty-detail', () => {
  const sandbox = useSandbox();

  const lookup = async (query: string, prefix = 'v3', headers: Record<string, string> = AUTH) => {
    const res = await fetch(`${sandbox.url}/${prefix}/filter/api/counterparty-detail${query}`, { headers });
    return {
      status: res.status,
      type: res.headers.get('content-type'),
      body: parseJson(await res.text()) as Json,
    };
  };

  it('a well-known company comes back as registered, in a paged list', async () => {
    for (const prefix of ['v3', 'l3']) {
      const res = await lookup('?vatNumber=7707083893', prefix);
      expect(res.status).toBe(200);
      expect(res.type).toMatch(/^application\/json/);
      expect(res.body.metaData).toEqual({ totalCount: 1, pageSize: 30, page: 1 });
      expect(res.body.data).toHaveLength(1);
      expect(Object.keys(res.body.data[0]).sort()).toEqual(Object.keys(DOCS_FIELDS).sort());
      for (const [field, maxLength] of Object.entries(DOCS_FIELDS)) {
        if (maxLength) expect(res.body.data[0][field].length, field).toBeLessThanOrEqual(maxLength);
      }
      expect(res.body.data[0]).toMatchObject({
        vatNumber: '7707083893',
        taxRegistrationReasonCode: '773601001',
        name: 'ПАО Сбербанк',
        registrationNumber: '1027700132195',
        postAddressZip: '117312',
      });
      expect(res.body.data[0].id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    }
    const yandex = await lookup('?vatNumber=7736207543');
    expect(yandex.body.data[0]).toMatchObject({
      name: 'ООО «ЯНДЕКС»',
      taxRegistrationReasonCode: '770401001',
    });
  });

  it('any other valid INN gets generated data: the same every time, 12 digits = ИП without KPP', async () => {
    const first = await lookup('?vatNumber=5402123450');
    const again = await lookup('?vatNumber=5402123450');
    expect(first.status).toBe(200);
    expect(again.body.data).toEqual(first.body.data);
    const company = first.body.data[0];
    expect(company.vatNumber).toBe('5402123450');
    expect(company.taxRegistrationReasonCode).toMatch(/^5402\d{5}$/);
    expect(company.name).toMatch(/^ООО «/);
    expect(validOgrn(company.registrationNumber)).toBe(true);
    expect(company.registrationNumber).toHaveLength(13);
    expect(company.postAddressZip).toMatch(/^\d{6}$/);
    expect(company.registrationAddress.startsWith(company.postAddressZip)).toBe(true);
    expect(company.registrationDate).toMatch(/^\d{4}-\d{2}-\d{2}$/);

    const other = await lookup('?vatNumber=7712345671');
    expect(other.body.data[0].id).not.toBe(company.id);

    const sole = (await lookup('?vatNumber=165012345680')).body.data[0];
    expect(sole.taxRegistrationReasonCode).toBe('');
    expect(sole.name).toMatch(/^ИП /);
    expect(sole.registrationNumber).toHaveLength(15);
    expect(validOgrn(sole.registrationNumber)).toBe(true);
  });

  it('several INNs at once are one list', async () => {
    const res = await lookup('?vatNumber=7707083893&vatNumber=7736050003&_order[vatNumber]=desc');
    expect(res.body.metaData.totalCount).toBe(2);
    expect(res.body.data.map((c: Json) => c.vatNumber)).toEqual(['7736050003', '7707083893']);
  });

  it.each(['', '?vatNumber=', '?vatNumber=7707083894', '?vatNumber=12345', '?vatNumber=77070838931'])(
    'a missing or invalid vatNumber (%j) is 422 naming vatNumber',
    async (query) => {
      const res = await lookup(query);
      expect(res.status).toBe(422);
      expect(res.body.error.code).toBe('validation');
      expect(res.body.error.fields).toEqual([
        expect.objectContaining({ name: 'vatNumber', code: 'wrong_value' }),
      ]);
    },
  );

  it('needs a valid token', async () => {
    const res = await lookup('?vatNumber=7707083893', 'v3', { authorization: 'Bearer wrong' });
    expect(res.status).toBe(401);
    expect(res.body.error.code).toBe('unauthorized');
  });
});
