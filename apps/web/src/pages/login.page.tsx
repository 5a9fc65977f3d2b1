import { useRef, useState } from 'react';
import { login } from '../api';
import { useAuth } from '../auth.context';
import { AccountEmailField, FormCard, PasswordField, useFormSubmit } from '../components/form';
import { Page } from '../components/page';
import { useLanguage } from '../language.context';
import { Link } from '../components/app-link';

/** Signing in; the route then takes the person on (see routes.tsx). */
export function LoginPage() {
  const { t } = useLanguage();
  const { setUser } = useAuth();
  const form = useFormSubmit({ email: useRef<HTMLInputElement>(null), password: useRef<HTMLInputElement>(null) });
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');

  const submit = async () => {
    if (!form.inputs.email.current?.validity.valid || !email.trim()) return form.reject('email', 'validation.email');
    if (!password) return form.reject('password', 'validation.password');
    await form.send(
      async () => setUser(await login(email.trim(), password)),
      () => setPassword(''),
    );
  };

  return (
    <Page title={t('login.title')}>
      <p>{t('login.intro')}</p>
      <FormCard form={form} onSubmit={submit} submitLabel={t('login.submit')}>
        <AccountEmailField
          label={t('login.email')}
          value={email}
          onChange={(event) => setEmail(event.target.value)}
          {...form.field('email')}
        />
        <PasswordField
          label={t('login.password')}
          name="password"
          autoComplete="current-password"
          value={password}
          onChange={(event) => setPassword(event.target.value)}
          {...form.field('password')}
        />
      </FormCard>
      <p>
        <Link to="/forgot-password" search={email.trim() ? { email: email.trim() } : {}}>
          {t('login.forgotPassword')}
        </Link>
      </p>
    </Page>
  );
}
