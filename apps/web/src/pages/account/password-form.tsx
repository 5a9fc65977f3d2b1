import { useId, useRef, useState, type FormEvent } from 'react';
import { ApiError, changePassword, minimumPasswordLength, type User } from '../../api';
import { ErrorAlert, StatusMessage, TextField } from '../../components/form';
import { errorMessage, Notice, type MessageKey } from '../../i18n';
import { useLanguage } from '../../language.context';

type PasswordField = 'currentPassword' | 'newPassword' | 'confirmPassword';

export function PasswordForm({ user, onChanged }: { user: User; onChanged(): void }) {
  const { t } = useLanguage();
  const errorId = useId();
  const inputs = {
    currentPassword: useRef<HTMLInputElement>(null),
    newPassword: useRef<HTMLInputElement>(null),
    confirmPassword: useRef<HTMLInputElement>(null),
  };
  const [currentPassword, setCurrentPassword] = useState('');
  const [newPassword, setNewPassword] = useState('');
  const [confirmPassword, setConfirmPassword] = useState('');
  const [error, setError] = useState<{ problem: unknown; field?: PasswordField } | null>(null);
  const [status, setStatus] = useState<MessageKey | null>(null);
  const [submitting, setSubmitting] = useState(false);

  const reject = (field: PasswordField, problem: unknown) => {
    setError({ problem, field });
    inputs[field].current?.focus();
  };

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setStatus(null);
    if (!currentPassword) return reject('currentPassword', new Notice('validation.currentPassword'));
    if (newPassword.length < minimumPasswordLength) return reject('newPassword', new Notice('validation.passwordLength'));
    if (newPassword !== confirmPassword) return reject('confirmPassword', new Notice('validation.passwordMatch'));

    setError(null);
    setSubmitting(true);
    try {
      await changePassword(currentPassword, newPassword);
      setCurrentPassword('');
      setNewPassword('');
      setConfirmPassword('');
      setStatus('password.changed');
      onChanged();
    } catch (failure) {
      if (failure instanceof ApiError && failure.code === 'INVALID_CREDENTIALS') reject('currentPassword', failure);
      else setError({ problem: failure });
    } finally {
      setSubmitting(false);
    }
  };

  return (
    <section aria-labelledby="password-title">
      <h2 id="password-title">{t('password.title')}</h2>
      <form className="card" onSubmit={submit} noValidate aria-describedby={error ? errorId : undefined}>
        <ErrorAlert
          id={errorId}
          message={error && errorMessage(t, error.problem, { INVALID_CREDENTIALS: 'password.currentWrong' })}
        />
        {/* Lets password managers update the entry of this account. */}
        <input type="hidden" name="username" autoComplete="username" value={user.email} />
        <TextField
          ref={inputs.currentPassword}
          label={t('password.current')}
          type="password"
          name="currentPassword"
          autoComplete="current-password"
          required
          value={currentPassword}
          onChange={(event) => setCurrentPassword(event.target.value)}
          invalid={error?.field === 'currentPassword'}
          errorId={errorId}
        />
        <TextField
          ref={inputs.newPassword}
          label={t('password.new')}
          hint={t('password.newHint')}
          type="password"
          name="newPassword"
          autoComplete="new-password"
          required
          minLength={minimumPasswordLength}
          value={newPassword}
          onChange={(event) => setNewPassword(event.target.value)}
          invalid={error?.field === 'newPassword'}
          errorId={errorId}
        />
        <TextField
          ref={inputs.confirmPassword}
          label={t('password.confirm')}
          type="password"
          name="confirmPassword"
          autoComplete="new-password"
          required
          value={confirmPassword}
          onChange={(event) => setConfirmPassword(event.target.value)}
          invalid={error?.field === 'confirmPassword'}
          errorId={errorId}
        />
        <div className="actions">
          <button type="submit" className="primary" disabled={submitting}>
            {t('password.submit')}
          </button>
        </div>
        <StatusMessage message={status && t(status)} />
      </form>
    </section>
  );
}
