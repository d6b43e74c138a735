import { isValidInn } from '@checkout/invoicebox/web';
import type { RouterOutputs } from '../../trpc';
import { type CustomerField, type CustomerForm, EMPTY_CUSTOMER, validateCustomer } from './customer-form';

export type Company = RouterOutputs['companies']['byInn'][number];

/** The fields a found company fills in; all stay editable. */
export const AUTOFILLED = ['name', 'kpp', 'registrationAddress'] as const satisfies CustomerField[];

/** The INN worth asking the shop about: 10 or 12 digits with a valid check digit. */
export function innToLookUp(value: string): string | null {
  const inn = value.trim();
  return isValidInn(inn) ? inn : null;
}

/** All the digits are there but the check digit is wrong: a typo, not an INN still being typed. */
export const hasWrongCheckDigit = (value: string) =>
  /^(\d{10}|\d{12})$/.test(value.trim()) && !isValidInn(value.trim());

/** What is wrong with the INN, in the checkout form's own words (undefined: nothing). */
export const innProblem = (vatNumber: string): string | undefined =>
  validateCustomer({ ...EMPTY_CUSTOMER, type: 'legal', vatNumber }).vatNumber;

/**
 * The form with the company's details, except where the shopper has typed something by hand since the last fill
 * (`byHand`): their text wins. A sole trader has no KPP, so an earlier company's KPP is cleared. Also says which
 * fields it wrote, so they no longer count as typed by hand.
 */
export function fillCompany(
  form: CustomerForm,
  company: Company,
  byHand: ReadonlySet<CustomerField>,
): { form: CustomerForm; written: CustomerField[] } {
  const values = { name: company.name, kpp: company.kpp ?? '', registrationAddress: company.address ?? '' };
  const next = { ...form };
  const written: CustomerField[] = [];
  for (const field of AUTOFILLED) {
    if (byHand.has(field) && form[field].trim()) continue;
    next[field] = values[field];
    written.push(field);
  }
  return { form: next, written };
}

/** What the shopper sees under the INN field about the lookup (never an error: they can always type). */
export type LookupNote = 'searching' | 'filled' | 'kept' | 'choose' | 'not_found' | 'failed' | null;

export function lookupNote(state: {
  asked: boolean;
  fetching: boolean;
  failed: boolean;
  found: Company[] | undefined;
  /** The last fill left some of the shopper's own text in place. */
  kept: boolean;
}): LookupNote {
  if (!state.asked) return null;
  if (state.fetching) return 'searching';
  if (state.failed) return 'failed';
  if (!state.found) return null;
  if (state.found.length === 0) return 'not_found';
  if (state.found.length > 1) return 'choose';
  return state.kept ? 'kept' : 'filled';
}

/** The lookup's words for the INN field's hint line (the choice list speaks for itself). */
export const NOTES: Record<Exclude<LookupNote, null>, string> = {
  searching: 'Ищем организацию по ИНН…',
  filled: 'Заполнили название, КПП и адрес по ИНН — проверьте их',
  kept: 'Нашли организацию по ИНН; что вы ввели сами, оставили как есть',
  choose: 'Нашли несколько подразделений — выберите своё ниже',
  not_found: 'Не нашли организацию — заполните данные вручную',
  failed: 'Не получилось найти организацию — заполните данные вручную',
};
