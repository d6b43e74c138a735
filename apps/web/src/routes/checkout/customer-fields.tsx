import type { CustomerForm, FieldErrors } from './customer-form';
import { TextField } from './text-field';

type Props = { form: CustomerForm; errors: FieldErrors; onChange: (patch: Partial<CustomerForm>) => void };

export function CustomerFields({ form, errors, onChange }: Props) {
  const legal = form.type === 'legal';
  return (
    <>
      <fieldset className="customer-type">
        <legend>Покупатель</legend>
        <label>
          <input
            type="radio"
            name="customerType"
            value="private"
            checked={!legal}
            onChange={() => onChange({ type: 'private' })}
          />{' '}
          Частное лицо
        </label>
        <label>
          <input
            type="radio"
            name="customerType"
            value="legal"
            checked={legal}
            onChange={() => onChange({ type: 'legal' })}
          />{' '}
          Организация или ИП
        </label>
      </fieldset>
      <TextField
        name="name"
        label={legal ? 'Название организации' : 'Имя и фамилия'}
        autoComplete={legal ? 'organization' : 'name'}
        value={form.name}
        error={errors.name}
        onValue={(name) => onChange({ name })}
      />
      <TextField
        name="email"
        label="E-mail для чека"
        type="email"
        autoComplete="email"
        value={form.email}
        error={errors.email}
        onValue={(email) => onChange({ email })}
      />
      <TextField
        name="phone"
        label="Телефон"
        type="tel"
        autoComplete="tel"
        placeholder="+7 900 123-45-67"
        value={form.phone}
        error={errors.phone}
        onValue={(phone) => onChange({ phone })}
      />
      {legal && (
        <>
          <TextField
            name="vatNumber"
            label="ИНН"
            inputMode="numeric"
            maxLength={12}
            value={form.vatNumber}
            error={errors.vatNumber}
            hint="10 цифр для организации, 12 для ИП"
            onValue={(vatNumber) => onChange({ vatNumber })}
          />
          <TextField
            name="kpp"
            label="КПП"
            maxLength={9}
            value={form.kpp}
            error={errors.kpp}
            hint="Только для организаций"
            onValue={(kpp) => onChange({ kpp })}
          />
          <TextField
            name="registrationAddress"
            label="Юридический адрес"
            autoComplete="street-address"
            value={form.registrationAddress}
            error={errors.registrationAddress}
            onValue={(registrationAddress) => onChange({ registrationAddress })}
          />
        </>
      )}
    </>
  );
}
