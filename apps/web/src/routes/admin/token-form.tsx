import { type FormEvent, useState } from 'react';

export function TokenForm({ onToken }: { onToken: (token: string) => void }) {
  const [value, setValue] = useState('');
  const [error, setError] = useState<string | null>(null);
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const token = value.trim();
    if (!token) return setError('Введите ключ доступа');
    onToken(token);
  };
  return (
    <section aria-labelledby="token-title" className="narrow">
      <h1 id="token-title">Вход для сотрудников</h1>
      <form onSubmit={onSubmit} noValidate>
        <label htmlFor="admin-token">Ключ доступа (ADMIN_TOKEN)</label>
        <input
          id="admin-token"
          name="token"
          type="password"
          autoComplete="off"
          value={value}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? 'admin-token-error' : 'admin-token-hint'}
          onChange={(event) => setValue(event.currentTarget.value)}
        />
        <small id="admin-token-hint" className="muted">
          Ключ хранится только в этой вкладке и удаляется при её закрытии.
        </small>
        {error && (
          <p id="admin-token-error" className="field-error">
            {error}
          </p>
        )}
        <button type="submit" className="primary">
          Войти
        </button>
      </form>
    </section>
  );
}
