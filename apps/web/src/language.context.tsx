import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { RawIntlProvider } from 'react-intl';
import { hasCatalogue, initialLocale, intlOf, loadCatalogue, storeLocale, storedLocale, translator, type Locale, type Translate } from './i18n';

interface Language {
  locale: Locale;
  t: Translate;
  /** Switches the interface language and remembers the choice on this browser. */
  chooseLocale(locale: Locale): void;
  /** Follows a signed-in person's preferred language unless this browser has a choice of its own. */
  suggestLocale(locale: Locale): void;
}

const LanguageContext = createContext<Language | null>(null);

export function LanguageProvider({ children }: { children: ReactNode }) {
  // main.tsx loaded the first language's catalogue before the first render; if that failed, English.
  const [locale, setLocale] = useState<Locale>(() => {
    const first = initialLocale();
    return hasCatalogue(first) ? first : 'en';
  });

  useEffect(() => {
    document.documentElement.lang = locale;
  }, [locale]);

  // Another language's catalogue is fetched first; the page changes language once it is here.
  const chooseLocale = useCallback((next: Locale) => {
    storeLocale(next);
    void loadCatalogue(next).then(() => setLocale(next), reportLoadFailure);
  }, []);

  const suggestLocale = useCallback((next: Locale) => {
    if (!storedLocale()) void loadCatalogue(next).then(() => setLocale(next), reportLoadFailure);
  }, []);

  const intl = useMemo(() => intlOf(locale), [locale]);
  const value = useMemo(
    () => ({ locale, t: translator(locale, intl), chooseLocale, suggestLocale }),
    [locale, intl, chooseLocale, suggestLocale],
  );
  return (
    <RawIntlProvider value={intl}>
      <LanguageContext.Provider value={value}>{children}</LanguageContext.Provider>
    </RawIntlProvider>
  );
}

function reportLoadFailure(error: unknown): void {
  console.error('The language catalogue did not load', error);
}

export function useLanguage(): Language {
  const language = useContext(LanguageContext);
  if (!language) throw new Error('useLanguage must be used inside a LanguageProvider');
  return language;
}
