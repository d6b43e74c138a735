import { isValidInn, KPP_PATTERN } from '@checkout/invoicebox';
import type { Customer } from '../protocol/customer.js';
import { cardBehaviour } from '../test-cards.js';
import type { OrderJson } from '../types.js';
import {
  CUSTOMER_FIELDS,
  customerValues,
  type FormErrors,
  type FormValues,
  lockedFields,
} from './form-values.js';
import type { Texts } from './i18n.js';

const LIMITS: Record<string, number> = {
  name: 500,
  phone: 100,
  email: 100,
  vatNumber: 20,
  kpp: 9,
  registrationAddress: 1000,
  cardNumber: 30,
  cardExpiry: 10,
  cardCvc: 10,
};

/** Posted form values, with locked fields taken from the order whatever the browser sent. */
export function readForm(order: OrderJson, body: Record<string, string>): FormValues {
  const fromOrder = customerValues(order);
  const locked = lockedFields(order);
  const values: FormValues = {};
  for (const name of CUSTOMER_FIELDS)
    values[name] = locked.has(name) ? fromOrder[name] : (body[name] ?? '').trim();
  values.cardNumber = (body.cardNumber ?? '').trim();
  values.cardExpiry = (body.cardExpiry ?? '').trim();
  values.cardCvc = (body.cardCvc ?? '').trim();
  return values;
}

function futureExpiry(text: string, now = new Date()): boolean {
  const match = /^(\d{2})\s*\/\s*(\d{2})$/.exec(text);
  if (!match) return false;
  const month = Number(match[1]);
  const year = 2000 + Number(match[2]);
  if (month < 1 || month > 12) return false;
  return year > now.getUTCFullYear() || (year === now.getUTCFullYear() && month >= now.getUTCMonth() + 1);
}

export function validateCustomer(values: FormValues, t: Texts, requireLegal: boolean): FormErrors {
  const errors: FormErrors = {};
  for (const [name, max] of Object.entries(LIMITS)) {
    if ((values[name as keyof FormValues] ?? '').length > max) errors[name as keyof FormValues] = t.tooLong;
  }
  if (values.type !== 'private' && values.type !== 'legal') errors.type = t.required;
  if (requireLegal && values.type !== 'legal') errors.type = t.legalOnly;
  if (!values.name) errors.name ??= t.required;
  if (!values.email) errors.email ??= t.required;
  else if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(values.email)) errors.email ??= t.badEmail;
  const phoneDigits = (values.phone ?? '').replace(/[\s()+-]/g, '');
  if (!values.phone) errors.phone ??= t.required;
  else if (!/^\d{10,15}$/.test(phoneDigits)) errors.phone ??= t.badPhone;
  if (values.type === 'legal') {
    const inn = values.vatNumber ?? '';
    if (!inn) errors.vatNumber ??= t.required;
    else if (!isValidInn(inn)) errors.vatNumber ??= t.badInn;
    const kpp = values.kpp ?? '';
    if (inn.length === 12 && kpp) errors.kpp ??= t.noKppForIp;
    else if (inn.length === 10 && !kpp) errors.kpp ??= t.required;
    else if (kpp && !KPP_PATTERN.test(kpp)) errors.kpp ??= t.badKpp;
    if (!values.registrationAddress) errors.registrationAddress ??= t.required;
  }
  return errors;
}

export function validateCard(values: FormValues, t: Texts): FormErrors {
  const errors: FormErrors = {};
  if (!values.cardNumber) errors.cardNumber = t.required;
  else if (cardBehaviour(values.cardNumber) === 'unknown') errors.cardNumber = t.badCard;
  if (!futureExpiry(values.cardExpiry ?? '')) errors.cardExpiry = t.badExpiry;
  if (!/^\d{3}$/.test(values.cardCvc ?? '')) errors.cardCvc = t.badCvc;
  return errors;
}

/** The shopper's details as the order's `customer` (`kpp` -> `taxRegistrationReasonCode`). */
export function toCustomer(values: FormValues): Customer {
  const legal = values.type === 'legal';
  const customer: Customer = {
    type: legal ? 'legal' : 'private',
    name: values.name ?? '',
    phone: (values.phone ?? '').replace(/[\s()+-]/g, ''),
    email: values.email ?? '',
  };
  if (legal) {
    customer.vatNumber = values.vatNumber ?? '';
    if (values.kpp) customer.taxRegistrationReasonCode = values.kpp;
    customer.registrationAddress = values.registrationAddress ?? '';
  }
  return customer;
}
