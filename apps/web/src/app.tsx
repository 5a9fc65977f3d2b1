import { AuthProvider, useAuth } from './auth.context';
import { localeNames, locales } from './i18n';
import { LanguageProvider, useLanguage } from './language.context';
import { AcceptInvitationPage } from './pages/accept-invitation.page';
import { AccountPage } from './pages/account.page';
import { LoginPage } from './pages/login.page';
import { NotFoundPage } from './pages/not-found.page';
import { Redirect, useLocation } from './router';

export function App() {
  return (
    <LanguageProvider>
      <AuthProvider>
        <Shell />
      </AuthProvider>
    </LanguageProvider>
  );
}

function Shell() {
  const { t } = useLanguage();
  return (
    <>
      <a className="skip-link" href="#main">
        {t('app.skipToContent')}
      </a>
      <header className="banner">
        <div className="column banner-row">
          <span className="brand">{t('app.name')}</span>
          <LanguageSwitch />
        </div>
      </header>
      <main id="main" className="column" tabIndex={-1}>
        <Screen />
      </main>
    </>
  );
}

function LanguageSwitch() {
  const { t, locale, chooseLocale } = useLanguage();
  return (
    <div className="language-switch" role="group" aria-label={t('app.interfaceLanguage')}>
      {locales.map((option) => (
        <button
          key={option}
          type="button"
          lang={option}
          aria-pressed={option === locale}
          onClick={() => chooseLocale(option)}
        >
          {localeNames[option]}
        </button>
      ))}
    </div>
  );
}

function Screen() {
  const { t } = useLanguage();
  const { ready, user } = useAuth();
  const { pathname } = useLocation();

  if (!ready) return <p role="status">{t('app.loading')}</p>;

  switch (pathname) {
    case '/':
      return <Redirect to={user ? '/account' : '/login'} />;
    case '/login':
      return user ? <Redirect to="/account" /> : <LoginPage />;
    case '/invitation':
      return <AcceptInvitationPage mode="invitation" />;
    case '/setup':
      return <AcceptInvitationPage mode="setup" />;
    case '/account':
      return user ? <AccountPage user={user} /> : <Redirect to="/login" />;
    default:
      return <NotFoundPage />;
  }
}
