import { Fragment, type InputHTMLAttributes, type ReactNode } from 'react';
import type { CustomerField, CustomerForm, CustomerType, FieldErrors } from './customer-form';
import { TextField } from './text-field';

type Props = {
  form: CustomerForm;
  errors: FieldErrors;
  onChange: (patch: Partial<CustomerForm>) => void;
  /**
   * The company lookup by INN: its blur handler, its note (in place of the INN field's hint, so the form does not
   * jump while the shopper types) and a company's branches to choose from.
   */
  inn?: { onBlur: () => void; note: string | undefined; choices: ReactNode };
};
type FieldSpec = { name: CustomerField; label: string; hint?: string } & Omit<
  InputHTMLAttributes<HTMLInputElement>,
  'name' | 'value' | 'onChange'
>;

const TYPES: { type: CustomerType; label: string }[] = [
  { type: 'private', label: 'Частное лицо' },
  { type: 'legal', label: 'Организация или ИП' },
];

const fieldsFor = (legal: boolean): FieldSpec[] => [
  {
    name: 'name',
    label: legal ? 'Название организации' : 'Имя и фамилия',
    autoComplete: legal ? 'organization' : 'name',
  },
  { name: 'email', label: 'E-mail для чека', type: 'email', autoComplete: 'email' },
  { name: 'phone', label: 'Телефон', type: 'tel', autoComplete: 'tel', placeholder: '+7 900 123-45-67' },
  ...(legal
    ? ([
        {
          name: 'vatNumber',
          label: 'ИНН',
          inputMode: 'numeric',
          maxLength: 12,
          hint: '10 цифр для организации, 12 для ИП',
        },
        { name: 'kpp', label: 'КПП', maxLength: 9, hint: 'Только для организаций' },
        { name: 'registrationAddress', label: 'Юридический адрес', autoComplete: 'street-address' },
      ] satisfies FieldSpec[])
    : []),
];

export function CustomerFields({ form, errors, onChange, inn }: Props) {
  return (
    <>
      <fieldset className="customer-type">
        <legend>Покупатель</legend>
        {TYPES.map(({ type, label }) => (
          <label key={type}>
            <input
              type="radio"
              name="customerType"
              value={type}
              checked={form.type === type}
              onChange={() => onChange({ type })}
            />{' '}
            {label}
          </label>
        ))}
      </fieldset>
      {fieldsFor(form.type === 'legal').map(({ name, label, hint, ...rest }) => {
        const lookup = name === 'vatNumber' ? inn : undefined;
        return (
          <Fragment key={name}>
            <TextField
              name={name}
              label={label}
              value={form[name]}
              error={errors[name]}
              onValue={(value) => onChange({ [name]: value })}
              hint={lookup?.note ?? hint}
              {...(lookup ? { onBlur: lookup.onBlur, liveHint: true } : {})}
              {...rest}
            />
            {lookup?.choices}
          </Fragment>
        );
      })}
    </>
  );
}
