import { useId, useRef, useState, type FormEvent } from 'react';
import { login } from '../api';
import { useAuth } from '../auth.context';
import { ErrorAlert, TextField } from '../components/form';
import { Page } from '../components/page';
import { errorMessage, Notice } from '../i18n';
import { useLanguage } from '../language.context';
import { navigate, useQueryParameter } from '../router';

type LoginField = 'email' | 'password';

/** The page asked for before signing in, when it is a page of this site. */
function destination(next: string | null): string {
  if (!next?.startsWith('/')) return '/account';
  const url = new URL(next, window.location.origin);
  return url.origin === window.location.origin ? `${url.pathname}${url.search}` : '/account';
}

export function LoginPage() {
  const { t } = useLanguage();
  const { setUser } = useAuth();
  const next = useQueryParameter('next');
  const errorId = useId();
  const emailInput = useRef<HTMLInputElement>(null);
  const passwordInput = useRef<HTMLInputElement>(null);
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<{ problem: unknown; field?: LoginField } | null>(null);
  const [submitting, setSubmitting] = useState(false);

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (!emailInput.current?.validity.valid || !email.trim()) {
      setError({ problem: new Notice('validation.email'), field: 'email' });
      emailInput.current?.focus();
      return;
    }
    if (!password) {
      setError({ problem: new Notice('validation.password'), field: 'password' });
      passwordInput.current?.focus();
      return;
    }
    setError(null);
    setSubmitting(true);
    try {
      setUser(await login(email.trim(), password));
      navigate(destination(next), { replace: true });
    } catch (failure) {
      setError({ problem: failure });
      setPassword('');
      setSubmitting(false);
    }
  };

  return (
    <Page title={t('login.title')}>
      <p>{t('login.intro')}</p>
      <form className="card" onSubmit={submit} noValidate aria-describedby={error ? errorId : undefined}>
        <ErrorAlert id={errorId} message={error && errorMessage(t, error.problem)} />
        <TextField
          ref={emailInput}
          label={t('login.email')}
          type="email"
          name="email"
          autoComplete="username"
          required
          value={email}
          onChange={(event) => setEmail(event.target.value)}
          invalid={error?.field === 'email'}
          errorId={errorId}
        />
        <TextField
          ref={passwordInput}
          label={t('login.password')}
          type="password"
          name="password"
          autoComplete="current-password"
          required
          value={password}
          onChange={(event) => setPassword(event.target.value)}
          invalid={error?.field === 'password'}
          errorId={errorId}
        />
        <div className="actions">
          <button type="submit" className="primary" disabled={submitting}>
            {t('login.submit')}
          </button>
        </div>
      </form>
    </Page>
  );
}
