import {
  useId,
  useMemo,
  type InputHTMLAttributes,
  type ReactNode,
  type Ref,
  type SelectHTMLAttributes,
  type TextareaHTMLAttributes,
} from 'react';
import type { Organisation } from '../api';
import { timeZones } from '../format';
import { useLanguage } from '../language.context';

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

/** One end of a range: its field's label, name and value. */
interface RangeEnd {
  label: string;
  name: string;
  value: string;
  onChange(value: string): void;
  ref?: Ref<HTMLInputElement>;
}

interface DateTimeRangeFieldsProps {
  start: RangeEnd;
  end: RangeEnd;
  /** Said under both fields: the zone the typed times or days are read in. */
  hint: string;
  /** Whole days, or a day and a time of day (the default). */
  type?: 'date' | 'datetime-local';
  /** The name of the field the form found wrong, if any: the end of that name is marked invalid. */
  invalidField?: string;
  errorId?: string;
}

/** A required start and end side by side, read in the zone the hint names. */
export function DateTimeRangeFields({ start, end, hint, type = 'datetime-local', invalidField, errorId }: DateTimeRangeFieldsProps) {
  return (
    <div className="field-row">
      {[start, end].map(({ onChange, ...field }) => (
        <TextField
          key={field.name}
          {...field}
          hint={hint}
          type={type}
          required
          onChange={(event) => onChange(event.target.value)}
          invalid={invalidField === field.name}
          errorId={errorId}
        />
      ))}
    </div>
  );
}

type OrganisationSelectProps = Omit<SelectFieldProps, 'children' | 'hint'> & {
  /** The organisations offered, in order; none while they load. */
  organisations: readonly Organisation[] | null;
  /** Said under the field when there is no organisation to choose. */
  emptyHint?: string;
  /** How each organisation reads in the list: its name unless said otherwise. */
  optionLabel?(organisation: Organisation): string;
};

/** A required choice of one organisation, starting on “Choose…”. */
export function OrganisationSelect({ organisations, emptyHint, optionLabel = (organisation) => organisation.name, ...select }: OrganisationSelectProps) {
  const { t } = useLanguage();
  return (
    <SelectField hint={organisations?.length === 0 ? emptyHint : undefined} required {...select}>
      <option value="">{t('form.choose')}</option>
      {organisations?.map((organisation) => (
        <option key={organisation.id} value={organisation.id}>
          {optionLabel(organisation)}
        </option>
      ))}
    </SelectField>
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
