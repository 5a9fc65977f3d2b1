import { getRouteApi } from '@tanstack/react-router';
import { Link } from '../components/app-link';
import { useRef, useState } from 'react';
import { confirmPasswordReset, requestPasswordReset } from '../api';
import { AccountEmailField, FormCard, NewPasswordFields, useFormSubmit, useNewPassword } from '../components/form';
import { Page } from '../components/page';
import { useLanguage } from '../language.context';

const forgotRoute = getRouteApi('/forgot-password');
const resetRoute = getRouteApi('/reset-password');

/**
 * Forgot password: asks for the address and says a link is on its way. The
 * server answers the same whether or not the address has an account, and so
 * does this page, so that it tells no one who has one.
 */
export function ForgotPasswordPage() {
  const { t } = useLanguage();
  const { email: typed } = forgotRoute.useSearch();
  const form = useFormSubmit({ email: useRef<HTMLInputElement>(null) });
  const [email, setEmail] = useState(typed ?? '');
  const [sentTo, setSentTo] = useState<string | null>(null);

  const submit = async () => {
    setSentTo(null);
    const address = email.trim();
    if (!form.inputs.email.current?.validity.valid || !address) return form.reject('email', 'validation.email');
    await form.send(async () => {
      await requestPasswordReset(address);
      setSentTo(address);
    });
  };

  return (
    <Page title={t('forgot.title')}>
      <p>{t('forgot.intro')}</p>
      <FormCard form={form} onSubmit={submit} submitLabel={t('forgot.submit')} status={sentTo && t('forgot.sent', { email: sentTo })}>
        <AccountEmailField
          label={t('forgot.email')}
          value={email}
          onChange={(event) => setEmail(event.target.value)}
          {...form.field('email')}
        />
      </FormCard>
      <p>
        <Link to="/login">{t('forgot.backToLogin')}</Link>
      </p>
    </Page>
  );
}

/** The page of the mailed link (`/reset-password?token=…`). */
export function ResetPasswordScreen() {
  const { token } = resetRoute.useSearch();
  return <ResetPasswordPage key={token} token={token ?? null} />;
}

/** Choosing a new password with the mailed link; every session of the account ends, and the person signs in again. */
function ResetPasswordPage({ token }: { token: string | null }) {
  const { t } = useLanguage();
  const form = useFormSubmit({ newPassword: useRef<HTMLInputElement>(null), confirmPassword: useRef<HTMLInputElement>(null) });
  const newPassword = useNewPassword(form);
  const [done, setDone] = useState(false);

  if (!token) {
    return (
      <Page title={t('reset.title')}>
        <p className="alert" role="alert">
          {t('reset.missingToken')}
        </p>
        <p>
          <Link to="/forgot-password">{t('reset.askAgain')}</Link>
        </p>
      </Page>
    );
  }

  if (done) {
    return (
      <Page title={t('reset.title')}>
        <p role="status">{t('reset.done')}</p>
        <p>
          <Link to="/login">{t('reset.goToLogin')}</Link>
        </p>
      </Page>
    );
  }

  const submit = async () => {
    if (!newPassword.check()) return;
    await form.send(async () => {
      await confirmPasswordReset(token, newPassword.value);
      setDone(true);
    });
  };

  return (
    <Page title={t('reset.title')}>
      <p>{t('reset.intro')}</p>
      <FormCard form={form} onSubmit={submit} submitLabel={t('reset.submit')}>
        <NewPasswordFields {...newPassword.fields({ password: t('reset.newPassword'), hint: t('password.newHint'), confirmation: t('reset.confirmPassword') })} />
      </FormCard>
      <p>
        <Link to="/forgot-password">{t('reset.askAgain')}</Link>
      </p>
    </Page>
  );
}
