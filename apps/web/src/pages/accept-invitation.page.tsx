import { getRouteApi, useNavigate } from '@tanstack/react-router';
import { Link } from '../components/app-link';
import { useEffect, useRef, useState } from 'react';
import { acceptInvitation, ApiError, previewInvitation, type InvitationPreview } from '../api';
import { useAuth } from '../auth.context';
import { FormCard, NewPasswordFields, PasswordField, TextField, useFormSubmit, useNewPassword } from '../components/form';
import { Page } from '../components/page';
import { formatDateTime } from '../format';
import { errorMessage, labelOf } from '../i18n';
import { useLanguage } from '../language.context';

type Preview = { state: 'loading' } | { state: 'ready'; invitation: InvitationPreview } | { state: 'failed'; error: unknown };

const invitationRoute = getRouteApi('/invitation');
const setupRoute = getRouteApi('/setup');

/** The page of an invitation link (`/invitation?token=…`). */
export function InvitationScreen() {
  const { token } = invitationRoute.useSearch();
  return <AcceptInvitationPage key={token} mode="invitation" token={token ?? null} />;
}

/** The page of the first administrator's setup link (`/setup?token=…`). */
export function SetupScreen() {
  const { token } = setupRoute.useSearch();
  return <AcceptInvitationPage key={token} mode="setup" token={token ?? null} />;
}

/**
 * Accepting an invitation creates the person's account and signs them in.
 * The first administrator's setup link opens the same page and also asks for
 * the email address, which no one could have invited yet.
 */
function AcceptInvitationPage({ mode, token }: { mode: 'invitation' | 'setup'; token: string | null }) {
  const { t } = useLanguage();
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

function AcceptInvitationForm({ token, invitation }: { token: string; invitation: InvitationPreview }) {
  const { t, locale } = useLanguage();
  const { setUser } = useAuth();
  const navigate = useNavigate();
  const asksEmail = invitation.kind === 'setup';
  const existingAccount = !asksEmail && invitation.accountExists === true;
  const form = useFormSubmit({
    email: useRef<HTMLInputElement>(null),
    displayName: useRef<HTMLInputElement>(null),
    // The password of an existing account, or a new one and its confirmation.
    password: useRef<HTMLInputElement>(null),
    newPassword: useRef<HTMLInputElement>(null),
    confirmPassword: useRef<HTMLInputElement>(null),
  });
  const [email, setEmail] = useState(invitation.email ?? '');
  const [displayName, setDisplayName] = useState('');
  // The password of an existing account, or a new one.
  const [password, setPassword] = useState('');
  const newPassword = useNewPassword(form);

  const submit = async () => {
    if (asksEmail && (!email.trim() || !form.inputs.email.current?.validity.valid)) return form.reject('email', 'validation.email');
    if (existingAccount) {
      if (!password) return form.reject('password', 'validation.password');
    } else {
      if (!displayName.trim()) return form.reject('displayName', 'validation.displayName');
      if (!newPassword.check()) return;
    }

    await form.send(
      async () => {
        const user = await acceptInvitation({
          token,
          // An existing account keeps its name; the server ignores this one but requires it.
          displayName: existingAccount ? (invitation.email ?? '') : displayName.trim(),
          password: existingAccount ? password : newPassword.value,
          ...(asksEmail ? { email: email.trim() } : {}),
        });
        setUser(user);
        // An invitation for a summit leads into it; any other into the summit list.
        await (invitation.summitId ? navigate({ to: '/summits/$summitId', params: { summitId: invitation.summitId }, replace: true }) : navigate({ to: '/summits', replace: true }));
      },
      (failure) => {
        if (existingAccount && failure instanceof ApiError && failure.code === 'INVALID_CREDENTIALS') form.reject('password', 'invitation.wrongPassword');
      },
    );
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

      <FormCard
        form={form}
        onSubmit={submit}
        submitLabel={asksEmail ? t('setup.submit') : existingAccount ? t('invitation.accept') : t('invitation.submit')}
      >
        {asksEmail && (
          <TextField
            label={t('invitation.email')}
            type="email"
            name="email"
            autoComplete="email"
            required
            value={email}
            onChange={(event) => setEmail(event.target.value)}
            {...form.field('email')}
          />
        )}
        {!asksEmail && invitation.email && (
          // Lets password managers store the new password under the invited address.
          <input type="hidden" name="username" autoComplete="username" value={invitation.email} />
        )}
        {!existingAccount && (
          <TextField
            label={t('invitation.displayName')}
            hint={t('invitation.displayNameHint')}
            name="displayName"
            autoComplete="name"
            required
            value={displayName}
            onChange={(event) => setDisplayName(event.target.value)}
            {...form.field('displayName')}
          />
        )}
        {existingAccount ? (
          <PasswordField
            label={t('invitation.existingPassword')}
            name="password"
            autoComplete="current-password"
            value={password}
            onChange={(event) => setPassword(event.target.value)}
            {...form.field('password')}
          />
        ) : (
          <NewPasswordFields
            {...newPassword.fields({ password: t('invitation.password'), hint: t('invitation.passwordHint'), confirmation: t('invitation.confirmPassword'), name: 'password' })}
          />
        )}
      </FormCard>
    </>
  );
}
