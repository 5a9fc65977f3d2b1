import type { ReactNode } from 'react';
import { I18nProvider } from 'react-aria-components';
import { dateLocale } from '../format';
import { useLanguage } from '../language.context';

/**
 * React Aria's widgets speak the page's language (their own words, such as a
 * combo box's button, and their formats). Put around the widgets rather than
 * the whole app, so that a page without them does not download it.
 */
export function WidgetLanguage({ children }: { children: ReactNode }) {
  const { locale } = useLanguage();
  return <I18nProvider locale={dateLocale(locale)}>{children}</I18nProvider>;
}
