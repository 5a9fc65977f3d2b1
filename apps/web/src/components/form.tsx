import {
  useId,
  useMemo,
  type InputHTMLAttributes,
  type ReactNode,
  type Ref,
  type SelectHTMLAttributes,
  type TextareaHTMLAttributes,
} from 'react';
import { timeZones } from '../format';

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

type SelectFieldProps = FieldProps &
  Omit<SelectHTMLAttributes<HTMLSelectElement>, 'id'> & {
    children: ReactNode;
    errorId?: string;
    ref?: Ref<HTMLSelectElement>;
  };

export function SelectField({ label, hint, invalid, errorId, children, ...select }: SelectFieldProps) {
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
      <select
        id={id}
        aria-invalid={invalid || undefined}
        aria-describedby={describedBy(hintId, hint, invalid ? errorId : undefined)}
        {...select}
      >
        {children}
      </select>
    </div>
  );
}

/** A text field that offers every IANA time zone the browser knows while accepting any typed name. */
export function TimeZoneField(props: Omit<TextFieldProps, 'list'>) {
  const listId = useId();
  const zones = useMemo(timeZones, []);
  return (
    <>
      <TextField list={listId} autoComplete="off" spellCheck={false} {...props} />
      <datalist id={listId}>
        {zones.map((zone) => (
          <option key={zone} value={zone} />
        ))}
      </datalist>
    </>
  );
}

type TextAreaFieldProps = FieldProps &
  Omit<TextareaHTMLAttributes<HTMLTextAreaElement>, 'id'> & { errorId?: string; ref?: Ref<HTMLTextAreaElement> };

export function TextAreaField({ label, hint, invalid, errorId, ...textarea }: TextAreaFieldProps) {
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
      <textarea
        id={id}
        rows={3}
        aria-invalid={invalid || undefined}
        aria-describedby={describedBy(hintId, hint, invalid ? errorId : undefined)}
        {...textarea}
      />
    </div>
  );
}

type CheckboxFieldProps = Omit<InputHTMLAttributes<HTMLInputElement>, 'id' | 'type'> & { label: ReactNode };

/** A checkbox with its label after it, as checkboxes are read. */
export function CheckboxField({ label, ...input }: CheckboxFieldProps) {
  const id = useId();
  return (
    <div className="check">
      <input id={id} type="checkbox" {...input} />
      <label htmlFor={id}>{label}</label>
    </div>
  );
}

interface ChoiceGroupProps<T extends string> {
  legend: string;
  hint?: string;
  name: string;
  value: T;
  options: readonly { value: T; label: string }[];
  onChange(value: T): void;
  invalid?: boolean;
  errorId?: string;
}

/** Radio buttons under a legend: one choice among a few, all visible at once. */
export function ChoiceGroup<T extends string>({ legend, hint, name, value, options, onChange, invalid, errorId }: ChoiceGroupProps<T>) {
  const id = useId();
  const hintId = `${id}-hint`;
  return (
    <fieldset className="field choices" aria-describedby={describedBy(hintId, hint, invalid ? errorId : undefined)}>
      <legend>{legend}</legend>
      {hint && (
        <p className="hint" id={hintId}>
          {hint}
        </p>
      )}
      {options.map((option) => (
        <div className="check" key={option.value}>
          <input
            id={`${id}-${option.value}`}
            type="radio"
            name={name}
            value={option.value}
            checked={option.value === value}
            onChange={() => onChange(option.value)}
          />
          <label htmlFor={`${id}-${option.value}`}>{option.label}</label>
        </div>
      ))}
    </fieldset>
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
