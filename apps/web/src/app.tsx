import { QueryClientProvider } from '@tanstack/react-query';
import { useState, type ReactNode } from 'react';
import type { User } from './api';
import { AuthProvider, useAuth } from './auth.context';
import { ErrorAlert } from './components/form';
import { errorMessage, localeNames, locales } from './i18n';
import { LanguageProvider, useLanguage } from './language.context';
import { AcceptInvitationPage } from './pages/accept-invitation.page';
import { AccountPage } from './pages/account.page';
import { AgendaPage } from './pages/agenda.page';
import { ChatPage } from './pages/chat.page';
import { FairnessPage } from './pages/fairness.page';
import { LoginPage } from './pages/login.page';
import { NotFoundPage } from './pages/not-found.page';
import { FloorPage } from './pages/floor.page';
import { SessionPage } from './pages/session.page';
import { SummitPage } from './pages/summit.page';
import { SummitsPage } from './pages/summits.page';
import { createQueryClient } from './queries';
import { Link, matchPath, Redirect, useLocation } from './router';

export function App() {
  const [queryClient] = useState(createQueryClient);
  return (
    <QueryClientProvider client={queryClient}>
      <LanguageProvider>
        <AuthProvider>
          <Shell />
        </AuthProvider>
      </LanguageProvider>
    </QueryClientProvider>
  );
}

function Shell() {
  const { t } = useLanguage();
  const { user } = useAuth();
  return (
    <>
      <a className="skip-link" href="#main">
        {t('app.skipToContent')}
      </a>
      <header className="banner">
        <div className="column banner-row">
          <span className="brand">{t('app.name')}</span>
          {user && <MainNavigation />}
          <LanguageSwitch />
        </div>
      </header>
      <main id="main" className="column" tabIndex={-1}>
        <Screen />
      </main>
    </>
  );
}

function MainNavigation() {
  const { t } = useLanguage();
  const { signOut } = useAuth();
  const { pathname } = useLocation();
  const [error, setError] = useState<unknown>(null);
  const [signingOut, setSigningOut] = useState(false);
  const inSummits = pathname.startsWith('/summits') || pathname.startsWith('/sessions/');
  // Within a summit's pages, its chat is one step away.
  const summitId = (matchPath('/summits/:id', pathname) ?? matchPath('/summits/:id/:page', pathname))?.id;
  const chatPath = summitId ? `/summits/${summitId}/chat` : null;

  const leave = async () => {
    setError(null);
    setSigningOut(true);
    try {
      await signOut();
    } catch (failure) {
      setError(failure);
      setSigningOut(false);
    }
  };

  return (
    <nav className="main-navigation" aria-label={t('nav.label')}>
      <ul>
        <li>
          <Link to="/summits" aria-current={inSummits && pathname !== chatPath ? 'page' : undefined}>
            {t('nav.summits')}
          </Link>
        </li>
        {chatPath && (
          <li>
            <Link to={chatPath} aria-current={pathname === chatPath ? 'page' : undefined}>
              {t('nav.summitChat')}
            </Link>
          </li>
        )}
        <li>
          <Link to="/account" aria-current={pathname === '/account' ? 'page' : undefined}>
            {t('nav.account')}
          </Link>
        </li>
        <li>
          <button type="button" className="link" disabled={signingOut} onClick={() => void leave()}>
            {t('nav.signOut')}
          </button>
        </li>
      </ul>
      <ErrorAlert message={error ? errorMessage(t, error) : null} />
    </nav>
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

/** Screens for signed-in people; the key gives each summit or session a fresh screen. */
const signedInRoutes: [pattern: string, screen: (params: Record<string, string>, user: User) => ReactNode][] = [
  ['/account', (_, user) => <AccountPage user={user} />],
  ['/summits', (_, user) => <SummitsPage user={user} />],
  ['/summits/:id', ({ id }, user) => <SummitPage key={id} summitId={id} user={user} />],
  ['/summits/:id/agenda', ({ id }, user) => <AgendaPage key={id} summitId={id} user={user} />],
  ['/summits/:id/fairness', ({ id }) => <FairnessPage key={id} summitId={id} />],
  ['/summits/:id/chat', ({ id }, user) => <ChatPage key={id} summitId={id} user={user} />],
  ['/sessions/:id', ({ id }, user) => <SessionPage key={id} sessionId={id} user={user} />],
  ['/sessions/:id/floor', ({ id }, user) => <FloorPage key={id} sessionId={id} user={user} />],
];

function Screen() {
  const { t } = useLanguage();
  const { ready, user } = useAuth();
  const { pathname } = useLocation();

  if (!ready) return <p role="status">{t('app.loading')}</p>;

  switch (pathname) {
    case '/':
      return <Redirect to={user ? '/summits' : '/login'} />;
    case '/login':
      return user ? <Redirect to="/account" /> : <LoginPage />;
    case '/invitation':
      return <AcceptInvitationPage mode="invitation" />;
    case '/setup':
      return <AcceptInvitationPage mode="setup" />;
  }

  for (const [pattern, screen] of signedInRoutes) {
    const params = matchPath(pattern, pathname);
    if (params) return user ? screen(params, user) : <Redirect to={`/login?next=${encodeURIComponent(pathname)}`} />;
  }
  return <NotFoundPage />;
}
