import {
  SHOP_CUSTOMER_LIMITS,
  type ShopCustomer,
  type ShopCustomerRule,
  shopCustomerSchema,
} from '@checkout/invoicebox/web';

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

/** Only what the customer type needs; the API's own schema (shared) does the trimming and normalising. */
function asInput({ type, name, email, phone, vatNumber, kpp, registrationAddress }: CustomerForm) {
  if (type === 'private') return { type, name, email, phone };
  return { type, name, email, phone, vatNumber, ...(kpp.trim() ? { kpp } : {}), registrationAddress };
}

const isField = (key: unknown): key is CustomerField => typeof key === 'string' && key !== 'type';

/** The shared schema's issue, in words for the shopper. */
function wording(field: CustomerField, code: string, rule: ShopCustomerRule | undefined, form: CustomerForm) {
  if (code === 'too_big' && field !== 'phone' && field !== 'vatNumber' && field !== 'kpp') {
    return `Слишком длинно: не больше ${SHOP_CUSTOMER_LIMITS[field]} символов`;
  }
  if (rule === 'control_characters') return 'Уберите служебные символы';
  switch (field) {
    case 'name':
      return form.type === 'legal' ? 'Укажите название организации' : 'Укажите имя и фамилию';
    case 'email':
      return 'Укажите e-mail в виде name@example.ru';
    case 'phone':
      return 'Укажите телефон с кодом страны, например +7 900 123-45-67';
    case 'vatNumber':
      return rule === 'inn_checksum'
        ? 'ИНН с ошибкой: контрольная цифра не сходится'
        : 'ИНН — это 10 цифр для организации или 12 для ИП';
    case 'kpp':
      if (rule === 'sole_trader_kpp') return 'У ИП нет КПП — оставьте поле пустым';
      return rule === 'required' ? 'Для организации укажите КПП' : 'КПП — 9 символов, например 773601001';
    case 'registrationAddress':
      return 'Укажите юридический адрес';
  }
}

/** The form checked with the API's own customer schema: the customer to send, or what to fix, per field. */
export function checkCustomer(
  form: CustomerForm,
): { customer: ShopCustomer; errors: null } | { customer: null; errors: FieldErrors } {
  const result = shopCustomerSchema.safeParse(asInput(form));
  if (result.success) return { customer: result.data, errors: null };
  const errors: FieldErrors = {};
  for (const issue of result.error.issues) {
    const field = issue.path[0];
    if (!isField(field) || errors[field]) continue;
    const rule = issue.code === 'custom' ? (issue.params?.rule as ShopCustomerRule | undefined) : undefined;
    errors[field] = wording(field, issue.code, rule, form);
  }
  return { customer: null, errors };
}

export const validateCustomer = (form: CustomerForm): FieldErrors => checkCustomer(form).errors ?? {};
