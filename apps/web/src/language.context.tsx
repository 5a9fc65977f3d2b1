import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { I18nProvider } from 'react-aria-components';
import { RawIntlProvider } from 'react-intl';
import { dateLocale } from './format';
import { initialLocale, intlOf, storeLocale, storedLocale, translator, type Locale, type Translate } from './i18n';

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
  const [locale, setLocale] = useState<Locale>(initialLocale);

  useEffect(() => {
    document.documentElement.lang = locale;
  }, [locale]);

  const chooseLocale = useCallback((next: Locale) => {
    storeLocale(next);
    setLocale(next);
  }, []);

  const suggestLocale = useCallback((next: Locale) => {
    if (!storedLocale()) setLocale(next);
  }, []);

  const intl = useMemo(() => intlOf(locale), [locale]);
  const value = useMemo(
    () => ({ locale, t: translator(locale, intl), chooseLocale, suggestLocale }),
    [locale, intl, chooseLocale, suggestLocale],
  );
  return (
    <RawIntlProvider value={intl}>
      {/* The widgets' own words (a combo box's button, a date field's segments) and formats in the same language. */}
      <I18nProvider locale={dateLocale(locale)}>
        <LanguageContext.Provider value={value}>{children}</LanguageContext.Provider>
      </I18nProvider>
    </RawIntlProvider>
  );
}

export function useLanguage(): Language {
  const language = useContext(LanguageContext);
  if (!language) throw new Error('useLanguage must be used inside a LanguageProvider');
  return language;
}
