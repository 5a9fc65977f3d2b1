import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { acceptInvitation, ApiError, minimumPasswordLength, previewInvitation, type InvitationPreview } from '../api';
import { useAuth } from '../auth.context';
import { ErrorAlert, TextField } from '../components/form';
import { Page } from '../components/page';
import { formatDateTime } from '../format';
import { errorMessage, labelOf, Notice, type MessageKey } from '../i18n';
import { useLanguage } from '../language.context';
import { Link, navigate, useQueryParameter } from '../router';

type Preview = { state: 'loading' } | { state: 'ready'; invitation: InvitationPreview } | { state: 'failed'; error: unknown };

/**
 * Accepting an invitation creates the person's account and signs them in.
 * The first administrator's setup link opens the same page and also asks for
 * the email address, which no one could have invited yet.
 */
export function AcceptInvitationPage({ mode }: { mode: 'invitation' | 'setup' }) {
  const { t } = useLanguage();
  const token = useQueryParameter('token');
  const [preview, setPreview] = useState<Preview>({ state: 'loading' });

  useEffect(() => {
    if (!token) return;
    let active = true;
    setPreview({ state: 'loading' });
    previewInvitation(token).then(
      (invitation) => active && setPreview({ state: 'ready', invitation }),
      (error: unknown) => active && setPreview({ state: 'failed', error }),
    );
    return () => {
      active = false;
    };
  }, [token]);

  const kind = preview.state === 'ready' ? preview.invitation.kind : mode;
  const title = kind === 'setup' ? t('setup.title') : t('invitation.title');

  if (!token) {
    return (
      <Page title={title}>
        <p className="alert" role="alert">
          {t('invitation.missingToken')}
        </p>
        <p>
          <Link to="/login">{t('invitation.goToLogin')}</Link>
        </p>
      </Page>
    );
  }

  return (
    <Page title={title}>
      {preview.state === 'loading' && <p role="status">{t('invitation.checking')}</p>}
      {preview.state === 'failed' && (
        <>
          <p className="alert" role="alert">
            {errorMessage(t, preview.error)}
          </p>
          <p>
            <Link to="/login">{t('invitation.goToLogin')}</Link>
          </p>
        </>
      )}
      {preview.state === 'ready' && <AcceptInvitationForm token={token} invitation={preview.invitation} />}
    </Page>
  );
}

type InvitationField = 'email' | 'displayName' | 'password' | 'confirmPassword';

function AcceptInvitationForm({ token, invitation }: { token: string; invitation: InvitationPreview }) {
  const { t, locale } = useLanguage();
  const { setUser } = useAuth();
  const errorId = useId();
  const asksEmail = invitation.kind === 'setup';
  const existingAccount = !asksEmail && invitation.accountExists === true;
  const inputs = {
    email: useRef<HTMLInputElement>(null),
    displayName: useRef<HTMLInputElement>(null),
    password: useRef<HTMLInputElement>(null),
    confirmPassword: useRef<HTMLInputElement>(null),
  };
  const [email, setEmail] = useState(invitation.email ?? '');
  const [displayName, setDisplayName] = useState('');
  const [password, setPassword] = useState('');
  const [confirmPassword, setConfirmPassword] = useState('');
  const [error, setError] = useState<{ problem: unknown; field?: InvitationField } | null>(null);
  const [submitting, setSubmitting] = useState(false);

  const reject = (field: InvitationField, message: MessageKey) => {
    setError({ problem: new Notice(message), field });
    inputs[field].current?.focus();
  };

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (asksEmail && (!email.trim() || !inputs.email.current?.validity.valid)) return reject('email', 'validation.email');
    if (existingAccount) {
      if (!password) return reject('password', 'validation.password');
    } else {
      if (!displayName.trim()) return reject('displayName', 'validation.displayName');
      if (password.length < minimumPasswordLength) return reject('password', 'validation.passwordLength');
      if (password !== confirmPassword) return reject('confirmPassword', 'validation.passwordMatch');
    }

    setError(null);
    setSubmitting(true);
    try {
      const user = await acceptInvitation({
        token,
        // An existing account keeps its name; the server ignores this one but requires it.
        displayName: existingAccount ? (invitation.email ?? '') : displayName.trim(),
        password,
        ...(asksEmail ? { email: email.trim() } : {}),
      });
      setUser(user);
      navigate('/account', { replace: true });
    } catch (failure) {
      if (existingAccount && failure instanceof ApiError && failure.code === 'INVALID_CREDENTIALS') {
        reject('password', 'invitation.wrongPassword');
      } else {
        setError({ problem: failure });
      }
      setSubmitting(false);
    }
  };

  const timeZone = Intl.DateTimeFormat().resolvedOptions().timeZone;

  return (
    <>
      <p>
        {asksEmail
          ? t('setup.intro')
          : invitation.organisationName
            ? t('invitation.introOrganisation', { organisation: invitation.organisationName })
            : t('invitation.intro')}
      </p>
      {existingAccount && <p>{t('invitation.existingAccount')}</p>}
      <dl className="details">
        {!asksEmail && invitation.email && (
          <div>
            <dt>{t('invitation.email')}</dt>
            <dd>{invitation.email}</dd>
          </div>
        )}
        {invitation.organisationName && (
          <div>
            <dt>{t('invitation.organisation')}</dt>
            <dd>{invitation.organisationName}</dd>
          </div>
        )}
        {invitation.delegationRole && (
          <div>
            <dt>{t('invitation.delegationRole')}</dt>
            <dd>{labelOf(t, 'delegationRole', invitation.delegationRole)}</dd>
          </div>
        )}
        <div>
          <dt>{t('invitation.platformRole')}</dt>
          <dd>{t(`role.${invitation.platformRole}`)}</dd>
        </div>
        <div>
          <dt>{t('invitation.expiresAt')}</dt>
          <dd>{formatDateTime(invitation.expiresAt, locale, timeZone)}</dd>
        </div>
      </dl>

      <form className="card" onSubmit={submit} noValidate aria-describedby={error ? errorId : undefined}>
        <ErrorAlert id={errorId} message={error && errorMessage(t, error.problem)} />
        {asksEmail && (
          <TextField
            ref={inputs.email}
            label={t('invitation.email')}
            type="email"
            name="email"
            autoComplete="email"
            required
            value={email}
            onChange={(event) => setEmail(event.target.value)}
            invalid={error?.field === 'email'}
            errorId={errorId}
          />
        )}
        {!asksEmail && invitation.email && (
          // Lets password managers store the new password under the invited address.
          <input type="hidden" name="username" autoComplete="username" value={invitation.email} />
        )}
        {!existingAccount && (
          <TextField
            ref={inputs.displayName}
            label={t('invitation.displayName')}
            hint={t('invitation.displayNameHint')}
            name="displayName"
            autoComplete="name"
            required
            value={displayName}
            onChange={(event) => setDisplayName(event.target.value)}
            invalid={error?.field === 'displayName'}
            errorId={errorId}
          />
        )}
        {existingAccount ? (
          <TextField
            ref={inputs.password}
            label={t('invitation.existingPassword')}
            type="password"
            name="password"
            autoComplete="current-password"
            required
            value={password}
            onChange={(event) => setPassword(event.target.value)}
            invalid={error?.field === 'password'}
            errorId={errorId}
          />
        ) : (
          <>
            <TextField
              ref={inputs.password}
              label={t('invitation.password')}
              hint={t('invitation.passwordHint')}
              type="password"
              name="password"
              autoComplete="new-password"
              required
              minLength={minimumPasswordLength}
              value={password}
              onChange={(event) => setPassword(event.target.value)}
              invalid={error?.field === 'password'}
              errorId={errorId}
            />
            <TextField
              ref={inputs.confirmPassword}
              label={t('invitation.confirmPassword')}
              type="password"
              name="confirmPassword"
              autoComplete="new-password"
              required
              value={confirmPassword}
              onChange={(event) => setConfirmPassword(event.target.value)}
              invalid={error?.field === 'confirmPassword'}
              errorId={errorId}
            />
          </>
        )}
        <div className="actions">
          <button type="submit" className="primary" disabled={submitting}>
            {asksEmail ? t('setup.submit') : existingAccount ? t('invitation.accept') : t('invitation.submit')}
          </button>
        </div>
      </form>
    </>
  );
}
