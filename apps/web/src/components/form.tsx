import { useId, type InputHTMLAttributes, type ReactNode, type Ref, type SelectHTMLAttributes } from 'react';

interface FieldProps {
  label: string;
  hint?: string;
  invalid?: boolean;
}

function describedBy(hintId: string, hint: string | undefined, errorId: string | undefined): string | undefined {
  return [hint ? hintId : null, errorId ?? null].filter(Boolean).join(' ') || undefined;
}

type TextFieldProps = FieldProps &
  Omit<InputHTMLAttributes<HTMLInputElement>, 'id'> & {
    /** The id of the form's alert, so that a screen reader reads it with the invalid field. */
    errorId?: string;
    ref?: Ref<HTMLInputElement>;
  };

export function TextField({ label, hint, invalid, errorId, ...input }: TextFieldProps) {
  const id = useId();
  const hintId = `${id}-hint`;
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {hint && (
        <p className="hint" id={hintId}>
          {hint}
        </p>
      )}
      <input
        id={id}
        aria-invalid={invalid || undefined}
        aria-describedby={describedBy(hintId, hint, invalid ? errorId : undefined)}
        {...input}
      />
    </div>
  );
}

type SelectFieldProps = FieldProps & Omit<SelectHTMLAttributes<HTMLSelectElement>, 'id'> & { children: ReactNode };

export function SelectField({ label, hint, invalid, children, ...select }: SelectFieldProps) {
  const id = useId();
  const hintId = `${id}-hint`;
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {hint && (
        <p className="hint" id={hintId}>
          {hint}
        </p>
      )}
      <select id={id} aria-invalid={invalid || undefined} aria-describedby={describedBy(hintId, hint, undefined)} {...select}>
        {children}
      </select>
    </div>
  );
}

/** A form's error, announced as soon as it appears. */
export function ErrorAlert({ id, message }: { id?: string; message: string | null }) {
  if (!message) return null;
  return (
    <p className="alert" role="alert" id={id}>
      {message}
    </p>
  );
}

/** A confirmation, announced politely; kept in the page so that screen readers notice its changes. */
export function StatusMessage({ message }: { message: string | null }) {
  return (
    <p className="status" role="status">
      {message}
    </p>
  );
}
