import { isValidInn, KPP_PATTERN } from '@checkout/invoicebox/web';

export type CustomerType = 'private' | 'legal';
export type CustomerForm = {
  type: CustomerType;
  name: string;
  email: string;
  phone: string;
  vatNumber: string;
  kpp: string;
  registrationAddress: string;
};
export type CustomerField = Exclude<keyof CustomerForm, 'type'>;
export type FieldErrors = Partial<Record<CustomerField, string>>;

export const EMPTY_CUSTOMER: CustomerForm = {
  type: 'private',
  name: '',
  email: '',
  phone: '',
  vatNumber: '',
  kpp: '',
  registrationAddress: '',
};

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** '8 (900) 123-45-67' and '+7 900 123 45 67' both become '+79001234567'. */
export function normalizePhone(input: string): string {
  let digits = input.replace(/\D/g, '');
  if (digits.length === 11 && digits.startsWith('8')) digits = `7${digits.slice(1)}`;
  if (digits.length === 10 && digits.startsWith('9')) digits = `7${digits}`;
  return `+${digits}`;
}

export function validateCustomer(form: CustomerForm): FieldErrors {
  const errors: FieldErrors = {};
  const name = form.name.trim();
  if (name.length < 2) {
    errors.name = form.type === 'legal' ? 'Укажите название организации' : 'Укажите имя и фамилию';
  } else if (name.length > 200) errors.name = 'Слишком длинно: не больше 200 символов';
  if (!EMAIL.test(form.email.trim())) errors.email = 'Укажите e-mail в виде name@example.ru';
  if (/[^\d\s()+-]/.test(form.phone) || !/^\+\d{11,15}$/.test(normalizePhone(form.phone))) {
    errors.phone = 'Укажите телефон, например +7 900 123-45-67';
  }
  if (form.type === 'legal') {
    const inn = form.vatNumber.trim();
    if (!/^\d{10}(\d{2})?$/.test(inn)) errors.vatNumber = 'ИНН — это 10 цифр для организации или 12 для ИП';
    else if (!isValidInn(inn)) errors.vatNumber = 'ИНН с ошибкой: контрольная цифра не сходится';
    const kpp = form.kpp.trim().toUpperCase();
    // Only organisations (10-digit INN) have a KPP; sole traders do not.
    if (kpp && inn.length === 12) errors.kpp = 'У ИП нет КПП — оставьте поле пустым';
    else if (kpp && !KPP_PATTERN.test(kpp)) errors.kpp = 'КПП — 9 символов, например 773601001';
    else if (!kpp && inn.length === 10) errors.kpp = 'Для организации укажите КПП';
    if (form.registrationAddress.trim().length < 5) errors.registrationAddress = 'Укажите юридический адрес';
  }
  return errors;
}

export function toCustomerInput(form: CustomerForm) {
  const base = { name: form.name.trim(), email: form.email.trim(), phone: normalizePhone(form.phone) };
  if (form.type === 'private') return { type: 'private' as const, ...base };
  const kpp = form.kpp.trim().toUpperCase();
  return {
    type: 'legal' as const,
    ...base,
    vatNumber: form.vatNumber.trim(),
    ...(kpp ? { kpp } : {}),
    registrationAddress: form.registrationAddress.trim(),
  };
}
