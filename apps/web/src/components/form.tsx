import {
  useId,
  useMemo,
  useState,
  type FormEvent,
  type InputHTMLAttributes,
  type ReactNode,
  type Ref,
  type RefObject,
  type SelectHTMLAttributes,
  type TextareaHTMLAttributes,
} from 'react';
import { minimumPasswordLength, type Organisation } from '../api';
import { timeZones } from '../format';
import { errorMessage, Notice, type MessageKey } from '../i18n';
import { useLanguage } from '../language.context';

interface FieldProps {
  label: string;
  hint?: string;
  invalid?: boolean;
}

function describedBy(hintId: string, hint: string | undefined, errorId: string | undefined): string | undefined {
  return [hint ? hintId : null, errorId ?? null].filter(Boolean).join(' ') || undefined;
}

/** The attributes that tie a field's control to its label, its hint and the form's alert. */
interface ControlAttributes {
  id: string;
  'aria-invalid': true | undefined;
  'aria-describedby': string | undefined;
}

/** A labelled field with its hint; `control` draws the input, select or text area given the attributes that tie it to them. */
function Field({ label, hint, invalid, errorId, control }: FieldProps & { errorId?: string; control(attributes: ControlAttributes): ReactNode }) {
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
      {control({ id, 'aria-invalid': invalid || undefined, 'aria-describedby': describedBy(hintId, hint, invalid ? errorId : undefined) })}
    </div>
  );
}

type TextFieldProps = FieldProps &
  Omit<InputHTMLAttributes<HTMLInputElement>, 'id'> & {
    /** The id of the form's alert, so that a screen reader reads it with the invalid field. */
    errorId?: string;
    ref?: Ref<HTMLInputElement>;
  };

export function TextField({ label, hint, invalid, errorId, ...input }: TextFieldProps) {
  return <Field label={label} hint={hint} invalid={invalid} errorId={errorId} control={(control) => <input {...control} {...input} />} />;
}

type SelectFieldProps = FieldProps &
  Omit<SelectHTMLAttributes<HTMLSelectElement>, 'id'> & {
    children: ReactNode;
    errorId?: string;
    ref?: Ref<HTMLSelectElement>;
  };

export function SelectField({ label, hint, invalid, errorId, children, ...select }: SelectFieldProps) {
  return (
    <Field
      label={label}
      hint={hint}
      invalid={invalid}
      errorId={errorId}
      control={(control) => (
        <select {...control} {...select}>
          {children}
        </select>
      )}
    />
  );
}

/** A text field that offers every IANA time zone the browser knows while accepting any typed name. */
export function TimeZoneField(props: Omit<TextFieldProps, 'list'>) {
  const listId = useId();
  const zones = useMemo(() => timeZones(), []);
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

/** The required address of an account, as password managers know it (its username). */
export function AccountEmailField(props: Omit<TextFieldProps, 'type' | 'name' | 'autoComplete'>) {
  return <TextField type="email" name="email" autoComplete="username" required {...props} />;
}

type PasswordFieldProps = Omit<TextFieldProps, 'type' | 'autoComplete'> & {
  /** Whether password managers should fill in the saved password or offer to save a new one. */
  autoComplete: 'current-password' | 'new-password';
};

/** A required password, typed out of sight. */
export function PasswordField(props: PasswordFieldProps) {
  return <TextField type="password" required {...props} />;
}

type NewPasswordEntry = Omit<PasswordFieldProps, 'autoComplete' | 'minLength'>;

/** A new password and the same typed again, so that a slip of the finger does not lock the person out. */
export function NewPasswordFields({ password, confirmation }: { password: NewPasswordEntry; confirmation: NewPasswordEntry }) {
  return (
    <>
      <PasswordField {...password} autoComplete="new-password" minLength={minimumPasswordLength} />
      <PasswordField {...confirmation} autoComplete="new-password" />
    </>
  );
}

/**
 * The first rule a new password and its confirmation break, told before the
 * server is asked, with the field to correct; null when they keep them all.
 */
function newPasswordProblem(password: string, confirmation: string): { field: 'newPassword' | 'confirmPassword'; message: MessageKey } | null {
  if (password.length < minimumPasswordLength) return { field: 'newPassword', message: 'validation.passwordLength' };
  if (password !== confirmation) return { field: 'confirmPassword', message: 'validation.passwordMatch' };
  return null;
}

/** The words of a new password's two fields. */
interface NewPasswordLabels {
  password: string;
  hint: string;
  confirmation: string;
  /** The password field's name for password managers; `newPassword` unless said. */
  name?: string;
}

export interface NewPassword {
  /** The password typed, once `check` has passed. */
  value: string;
  /** Tells the first rule broken (length, then sameness), with the focus on the field to correct; true when there is none. */
  check(): boolean;
  clear(): void;
  /** The props of `NewPasswordFields`, tied to the form's alert and focus. */
  fields(labels: NewPasswordLabels): { password: NewPasswordEntry; confirmation: NewPasswordEntry };
}

/** A new password and its confirmation in a form whose fields include `newPassword` and `confirmPassword`. */
export function useNewPassword(form: Pick<FormSubmit<'newPassword' | 'confirmPassword'>, 'reject' | 'field'>): NewPassword {
  const [password, setPassword] = useState('');
  const [confirmation, setConfirmation] = useState('');
  return {
    value: password,
    check() {
      const problem = newPasswordProblem(password, confirmation);
      if (problem) form.reject(problem.field, problem.message);
      return problem === null;
    },
    clear() {
      setPassword('');
      setConfirmation('');
    },
    fields: (labels) => ({
      password: {
        label: labels.password,
        hint: labels.hint,
        name: labels.name ?? 'newPassword',
        value: password,
        onChange: (event) => setPassword(event.target.value),
        ...form.field('newPassword'),
      },
      confirmation: {
        label: labels.confirmation,
        name: 'confirmPassword',
        value: confirmation,
        onChange: (event) => setConfirmation(event.target.value),
        ...form.field('confirmPassword'),
      },
    }),
  };
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
  return <Field label={label} hint={hint} invalid={invalid} errorId={errorId} control={(control) => <textarea rows={3} {...control} {...textarea} />} />;
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

/** The problem a form shows in its alert, and the field to correct when it is about one. */
export interface FormError<F extends string> {
  problem: unknown;
  field?: F;
}

export interface FormSubmit<F extends string> {
  /** The id of the form's alert, which the form and its invalid field point to. */
  errorId: string;
  error: FormError<F> | null;
  submitting: boolean;
  inputs: Record<F, RefObject<HTMLInputElement | null>>;
  /** Shows `message` about `field` and moves the focus there, so that the person can correct it at once. */
  reject(field: F, message: MessageKey): void;
  /** What ties a field to the form: its input, whether it is the one to correct, and the alert's id. */
  field(name: F): { ref: RefObject<HTMLInputElement | null>; invalid: boolean; errorId: string };
  /**
   * Clears the error and keeps the form busy while `work` runs. Its failure
   * is shown; `onFailure` may say more, by rejecting a field or clearing one.
   */
  send(work: () => Promise<void>, onFailure?: (failure: unknown) => void): Promise<void>;
}

/** The error, focus and busy state of a form whose fields are `inputs`. */
export function useFormSubmit<F extends string>(inputs: Record<F, RefObject<HTMLInputElement | null>>): FormSubmit<F> {
  const errorId = useId();
  const [error, setError] = useState<FormError<F> | null>(null);
  const [submitting, setSubmitting] = useState(false);
  return {
    errorId,
    error,
    submitting,
    inputs,
    reject(field, message) {
      setError({ problem: new Notice(message), field });
      inputs[field].current?.focus();
    },
    field: (name) => ({ ref: inputs[name], invalid: error?.field === name, errorId }),
    async send(work, onFailure) {
      setError(null);
      setSubmitting(true);
      try {
        await work();
      } catch (failure) {
        setError({ problem: failure });
        onFailure?.(failure);
      } finally {
        setSubmitting(false);
      }
    },
  };
}

interface FormCardProps<F extends string> {
  form: FormSubmit<F>;
  /** Called once the browser's own submission is held back. */
  onSubmit(): void;
  submitLabel: string;
  /** A confirmation under the button; a form that gives one keeps the place for it even when empty. */
  status?: string | null;
  children: ReactNode;
}

/** A form in a card: its alert first, then the fields, then the submit button, busy while the form is sent. */
export function FormCard<F extends string>({ form, onSubmit, submitLabel, status, children }: FormCardProps<F>) {
  const { t } = useLanguage();
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    onSubmit();
  };
  return (
    <form className="card" onSubmit={submit} noValidate aria-describedby={form.error ? form.errorId : undefined}>
      <ErrorAlert id={form.errorId} message={form.error && errorMessage(t, form.error.problem)} />
      {children}
      <div className="actions">
        <button type="submit" className="primary" disabled={form.submitting}>
          {submitLabel}
        </button>
      </div>
      {status !== undefined && <StatusMessage message={status} />}
    </form>
  );
}
