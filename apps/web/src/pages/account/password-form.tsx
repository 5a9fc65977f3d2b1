import { useRef, useState } from 'react';
import { ApiError, changePassword, type User } from '../../api';
import { FormCard, NewPasswordFields, PasswordField, useFormSubmit, useNewPassword } from '../../components/form';
import type { MessageKey } from '../../i18n';
import { useLanguage } from '../../language.context';

export function PasswordForm({ user, onChanged }: { user: User; onChanged(): void }) {
  const { t } = useLanguage();
  const form = useFormSubmit({
    currentPassword: useRef<HTMLInputElement>(null),
    newPassword: useRef<HTMLInputElement>(null),
    confirmPassword: useRef<HTMLInputElement>(null),
  });
  const [currentPassword, setCurrentPassword] = useState('');
  const newPassword = useNewPassword(form);
  const [status, setStatus] = useState<MessageKey | null>(null);

  const submit = async () => {
    setStatus(null);
    if (!currentPassword) return form.reject('currentPassword', 'validation.currentPassword');
    if (!newPassword.check()) return;

    await form.send(
      async () => {
        await changePassword(currentPassword, newPassword.value);
        setCurrentPassword('');
        newPassword.clear();
        setStatus('password.changed');
        onChanged();
      },
      (failure) => {
        if (failure instanceof ApiError && failure.code === 'INVALID_CREDENTIALS') form.reject('currentPassword', 'password.currentWrong');
      },
    );
  };

  return (
    <section aria-labelledby="password-title">
      <h2 id="password-title">{t('password.title')}</h2>
      <FormCard form={form} onSubmit={submit} submitLabel={t('password.submit')} status={status && t(status)}>
        {/* Lets password managers update the entry of this account. */}
        <input type="hidden" name="username" autoComplete="username" value={user.email} />
        <PasswordField
          label={t('password.current')}
          name="currentPassword"
          autoComplete="current-password"
          value={currentPassword}
          onChange={(event) => setCurrentPassword(event.target.value)}
          {...form.field('currentPassword')}
        />
        <NewPasswordFields {...newPassword.fields({ password: t('password.new'), hint: t('password.newHint'), confirmation: t('password.confirm') })} />
      </FormCard>
    </section>
  );
}
