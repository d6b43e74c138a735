import type { InputHTMLAttributes } from 'react';

type Props = {
  name: string;
  label: string;
  value: string;
  error: string | undefined;
  hint?: string;
  /** The hint changes while the shopper types (a lookup's progress): announce it, politely. */
  liveHint?: boolean;
  onValue: (value: string) => void;
} & Omit<InputHTMLAttributes<HTMLInputElement>, 'name' | 'value' | 'onChange'>;

/** A labelled input whose error is announced and tied to it (aria-invalid + aria-describedby). */
export function TextField({ name, label, value, error, hint, liveHint, onValue, ...rest }: Props) {
  const id = `field-${name}`;
  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = error ? `${id}-error` : undefined;
  const describedBy = [errorId, hintId].filter(Boolean).join(' ') || undefined;
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        name={name}
        value={value}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy}
        onChange={(event) => onValue(event.currentTarget.value)}
        {...rest}
      />
      {hint && (
        <small id={hintId} className="muted" role={liveHint ? 'status' : undefined}>
          {hint}
        </small>
      )}
      {error && (
        <p id={errorId} className="field-error" data-testid={`error-${name}`}>
          {error}
        </p>
      )}
    </div>
  );
}
