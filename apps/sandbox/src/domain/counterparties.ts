import { createHash } from 'node:crypto';
import { isValidInn } from '@checkout/invoicebox';
import { ApiError } from '../api-error.js';
import { KNOWN_COMPANIES } from './known-companies.js';

/** One row of `GET /v3/filter/api/counterparty-detail` (docs §5.13). */
export interface Counterparty {
  id: string;
  vatNumber: string;
  taxRegistrationReasonCode: string;
  name: string;
  nameFull: string;
  nameI18n: string;
  registrationNumber: string;
  registrationDate: string;
  registrationAddress: string;
  postAddress: string;
  postAddressZip: string;
}

export const COUNTERPARTY_FIELDS = [
  'id',
  'vatNumber',
  'taxRegistrationReasonCode',
  'name',
  'nameFull',
  'nameI18n',
  'registrationNumber',
  'registrationDate',
  'registrationAddress',
  'postAddress',
  'postAddressZip',
] as const;

const innError = (message: string) =>
  new ApiError(422, 'validation', `vatNumber: ${message}`, [
    { name: 'vatNumber', code: 'wrong_value', message },
  ]);

/** Checks the INN (10 digits for a company, 12 for an ИП or a person, checksum included). */
export function checkInn(vatNumber: string | undefined): string {
  if (vatNumber === undefined || vatNumber.trim() === '') throw innError('vatNumber is required');
  const inn = vatNumber.trim();
  if (!/^(\d{10}|\d{12})$/.test(inn)) throw innError(`INN must be 10 or 12 digits, got "${inn}"`);
  if (!isValidInn(inn)) throw innError(`INN ${inn} fails its checksum`);
  return inn;
}

/** Bytes that depend only on the INN: the same INN always describes the same company. */
function seed(inn: string): Buffer {
  return createHash('sha256').update(`counterparty:${inn}`).digest();
}

function uuidOf(bytes: Buffer): string {
  const hex = Buffer.from(bytes.subarray(0, 16)).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

const digitsOf = (bytes: Buffer, from: number, count: number) =>
  Array.from(bytes.subarray(from, from + count), (b) => String(b % 10)).join('');

/** ОГРН (13 digits) / ОГРНИП (15): the last digit is the remainder of the rest by 11 / 13, mod 10. */
function registrationNumber(sole: boolean, year: number, region: string, bytes: Buffer): string {
  const head = `${sole ? '3' : '1'}${String(year % 100).padStart(2, '0')}${region}${digitsOf(bytes, 20, sole ? 9 : 7)}`;
  const check = Number(BigInt(head) % BigInt(sole ? 13 : 11)) % 10;
  return `${head}${check}`;
}

const CITIES: Record<string, { city: string; zip: string }> = {
  '77': { city: 'г. Москва', zip: '1' },
  '78': { city: 'г. Санкт-Петербург', zip: '19' },
  '50': { city: 'Московская обл., г. Химки', zip: '141' },
  '16': { city: 'Республика Татарстан, г. Казань', zip: '420' },
  '54': { city: 'Новосибирская обл., г. Новосибирск', zip: '630' },
  '66': { city: 'Свердловская обл., г. Екатеринбург', zip: '620' },
};
const STREETS = ['ул. Ленина', 'ул. Садовая', 'пр-кт Мира', 'ул. Гагарина', 'ул. Заводская', 'наб. Речная'];
const WORDS = ['Вектор', 'Ромашка', 'Альфа', 'Северный ветер', 'Техноткань', 'Гранит', 'Меридиан', 'Липа'];
const LATIN = ['Vektor', 'Romashka', 'Alfa', 'Severny Veter', 'Tekhnotkan', 'Granit', 'Meridian', 'Lipa'];
const SURNAMES = ['Иванов', 'Смирнов', 'Кузнецов', 'Попов', 'Соколов', 'Лебедев'];
const SURNAMES_LATIN = ['Ivanov', 'Smirnov', 'Kuznetsov', 'Popov', 'Sokolov', 'Lebedev'];
const INITIALS = ['А. С.', 'И. П.', 'М. В.', 'Д. А.', 'С. Н.', 'О. Г.'];

const pick = <T>(list: readonly T[], byte: number | undefined) => list[(byte ?? 0) % list.length] as T;

/** A plausible company (10-digit INN) or sole proprietor (12 digits, no KPP) derived from the INN alone. */
function generated(inn: string): Counterparty {
  const b = seed(inn);
  const sole = inn.length === 12;
  const region = inn.slice(0, 2);
  const place = CITIES[region] ?? { city: `регион ${region}, г. Заречный`, zip: '6' };
  const zip = `${place.zip}${digitsOf(b, 16, 6 - place.zip.length)}`;
  const address = `${zip}, ${place.city}, ${pick(STREETS, b[17])}, д. ${((b[18] ?? 0) % 120) + 1}`;
  const year = 1995 + ((b[19] ?? 0) % 28);
  const date = `${year}-${String(((b[20] ?? 0) % 12) + 1).padStart(2, '0')}-${String(((b[21] ?? 0) % 28) + 1).padStart(2, '0')}`;
  const word = (b[22] ?? 0) % WORDS.length;
  const surname = (b[23] ?? 0) % SURNAMES.length;
  const person = `${SURNAMES[surname]} ${pick(INITIALS, b[24])}`;
  return {
    id: uuidOf(b),
    vatNumber: inn,
    taxRegistrationReasonCode: sole ? '' : `${inn.slice(0, 4)}01001`,
    name: sole ? `ИП ${person}` : `ООО «${WORDS[word]}»`,
    nameFull: sole
      ? `Индивидуальный предприниматель ${person}`
      : `Общество с ограниченной ответственностью «${WORDS[word]}»`,
    nameI18n: sole ? `IP ${SURNAMES_LATIN[surname]}` : `${LATIN[word]} LLC`,
    registrationNumber: registrationNumber(sole, year, region, b),
    registrationDate: date,
    registrationAddress: address,
    postAddress: address,
    postAddressZip: zip,
  };
}

/** The registry entry for a valid INN: a built-in real company, or generated data. */
export function counterpartyByInn(inn: string): Counterparty {
  const known = KNOWN_COMPANIES.find((c) => c.vatNumber === inn);
  return known ? { id: uuidOf(seed(inn)), ...known } : generated(inn);
}
