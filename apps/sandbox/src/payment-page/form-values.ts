import type { OrderJson } from '../types.js';

export const CUSTOMER_FIELDS = [
  'type',
  'name',
  'phone',
  'email',
  'vatNumber',
  'kpp',
  'registrationAddress',
] as const;
export type CustomerField = (typeof CUSTOMER_FIELDS)[number];
export type FormValues = Partial<Record<CustomerField | 'cardNumber' | 'cardExpiry' | 'cardCvc', string>>;
export type FormErrors = Partial<Record<keyof FormValues | 'form', string>>;

/** The order's customer as form values (`kpp` is Invoicebox's `taxRegistrationReasonCode`). */
export function customerValues(order: OrderJson): FormValues {
  const c = order.customer ?? {};
  return {
    type: c.type ?? 'private',
    name: c.name ?? '',
    phone: c.phone ?? '',
    email: c.email ?? '',
    vatNumber: c.vatNumber ?? '',
    kpp: c.taxRegistrationReasonCode ?? '',
    registrationAddress: c.registrationAddress ?? '',
  };
}

/** Fields the shopper may not change: all with customerLocked, else customerLockedFields. */
export function lockedFields(order: OrderJson): Set<CustomerField> {
  const setting = (order.invoiceSetting ?? {}) as {
    customerLocked?: boolean;
    customerLockedFields?: string[];
  };
  if (setting.customerLocked) return new Set(CUSTOMER_FIELDS);
  const locked = new Set<CustomerField>();
  for (const field of setting.customerLockedFields ?? []) {
    if ((CUSTOMER_FIELDS as readonly string[]).includes(field)) locked.add(field as CustomerField);
  }
  return locked;
}

export function hiddenFields(order: OrderJson): Set<string> {
  const setting = (order.invoiceSetting ?? {}) as { customerHiddenFields?: string[] };
  return new Set(setting.customerHiddenFields ?? []);
}
