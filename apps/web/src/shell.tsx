import { Outlet, useMatchRoute, useNavigate, useRouterState } from '@tanstack/react-router';
import { Link } from './components/app-link';
import { useId, useState, type MouseEvent } from 'react';
import { updateMe } from './api';
import { useAuth } from './auth.context';
import { ErrorAlert } from './components/form';
import { errorMessage, localeNames, locales, type Locale } from './i18n';
import { useLanguage } from './language.context';

/** The frame of every page: the banner with the navigation and the language switch, then the page. */
export function Shell() {
  const { t } = useLanguage();
  const { ready, user } = useAuth();
  // On a phone, a signed-in person's navigation and language fold behind a Menu button; wider, they are always shown.
  const menuId = useId();
  const [menuOpen, setMenuOpen] = useState(false);
  const followed = (event: MouseEvent<HTMLDivElement>) => {
    if (event.target instanceof Element && event.target.closest('a')) setMenuOpen(false);
  };
  return (
    <>
      <a className="skip-link" href="#main">
        {t('app.skipToContent')}
      </a>
      <header className="banner">
        <div className="column banner-row">
          <span className="brand">{t('app.name')}</span>
          {user && (
            <button type="button" className="menu-button" aria-expanded={menuOpen} aria-controls={menuId} onClick={() => setMenuOpen((open) => !open)}>
              {t('nav.menu')}
            </button>
          )}
          {/* A link followed closes the menu. */}
          <div id={menuId} className={user && !menuOpen ? 'banner-menu folded' : 'banner-menu'} onClick={followed}>
            {user && <MainNavigation />}
            <LanguageSwitch />
          </div>
        </div>
      </header>
      <main id="main" className="column" tabIndex={-1}>
        {ready ? <Outlet /> : <p role="status">{t('app.loading')}</p>}
      </main>
    </>
  );
}

function MainNavigation() {
  const { t } = useLanguage();
  const { signOut } = useAuth();
  const pathname = useRouterState({ select: (state) => state.location.pathname });
  const matchRoute = useMatchRoute();
  const navigate = useNavigate();
  const [error, setError] = useState<unknown>(null);
  const [signingOut, setSigningOut] = useState(false);
  // Within a summit's pages, its chat is one step away.
  const inSummit = matchRoute({ to: '/summits/$summitId', fuzzy: true });
  const summitId = inSummit ? inSummit.summitId : null;
  const onChat = summitId !== null && Boolean(matchRoute({ to: '/summits/$summitId/chat', params: { summitId } }));
  const inSummits = pathname.startsWith('/summits') || pathname.startsWith('/sessions/');

  const leave = async () => {
    setError(null);
    setSigningOut(true);
    try {
      await signOut();
      await navigate({ to: '/login', replace: true });
    } catch (failure) {
      setError(failure);
      setSigningOut(false);
    }
  };

  return (
    <nav className="main-navigation" aria-label={t('nav.label')}>
      <ul>
        <li>
          {/* The current page on the summit list; the current section (not page) on a summit's own pages. */}
          <Link to="/summits" aria-current={pathname === '/summits' ? 'page' : inSummits && !onChat ? 'true' : undefined}>
            {t('nav.summits')}
          </Link>
        </li>
        {summitId && (
          <li>
            <Link to="/summits/$summitId/chat" params={{ summitId }} aria-current={onChat ? 'page' : undefined}>
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

/** The interface language; for a signed-in person the choice is also saved to their profile, so mails follow it. */
function LanguageSwitch() {
  const { t, locale, chooseLocale } = useLanguage();
  const { user, setUser } = useAuth();

  const choose = (next: Locale) => {
    chooseLocale(next);
    if (user && user.locale !== next) {
      updateMe({ locale: next }).then(setUser, (error: unknown) => console.error('The language could not be saved to the profile', error));
    }
  };

  return (
    <div className="language-switch" role="group" aria-label={t('app.interfaceLanguage')}>
      {locales.map((option) => (
        <button key={option} type="button" lang={option} aria-pressed={option === locale} onClick={() => choose(option)}>
          {localeNames[option]}
        </button>
      ))}
    </div>
  );
}
