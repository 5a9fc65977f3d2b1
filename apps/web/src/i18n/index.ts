import { createIntl, createIntlCache, type IntlShape } from 'react-intl';
import { ApiError } from '../api/api-error';
import type { Locale } from '../api/types';
import { en, type MessageKey } from './messages/en';

export type { Locale, MessageKey };

export const locales: readonly Locale[] = ['en', 'fr'];

/** Each language's name in that language, as a language switch shows it. */
export const localeNames: Record<Locale, string> = { en: 'English', fr: 'Français' };

type Catalogue = Record<MessageKey, string>;

/**
 * The catalogues at hand: English, the first download's, and the fallback;
 * another language's is a chunk of its own, fetched when it is first needed
 * (`loadCatalogue`), so that a reader downloads only the language they read.
 */
const catalogues = new Map<Locale, Catalogue>([['en', en]]);
const loaders: Record<Exclude<Locale, 'en'>, () => Promise<Catalogue>> = {
  fr: () => import('./messages/fr').then((module) => module.fr),
};

/** Whether a language's catalogue is at hand. */
export function hasCatalogue(locale: Locale): boolean {
  return catalogues.has(locale);
}

/** Makes a language's catalogue ready; resolves at once for one already at hand. */
export async function loadCatalogue(locale: Locale): Promise<void> {
  if (locale === 'en' || hasCatalogue(locale)) return;
  catalogues.set(locale, await loaders[locale]());
}

/** A value put into a message: text as it is, a number as a count (plurals). */
export type MessageValues = Record<string, string | number>;

export type Translate = (key: MessageKey, values?: MessageValues) => string;

const cache = createIntlCache();

/** The react-intl formatter of one language (its catalogue loaded first); formats are compiled once per message and kept. */
export function intlOf(locale: Locale): IntlShape {
  const messages = catalogues.get(locale);
  if (!messages) throw new Error(`The ${locale} catalogue is not loaded yet: await loadCatalogue('${locale}') first`);
  return createIntl({ locale, messages, defaultLocale: 'en', onError: reportMessageError }, cache);
}

/** A missing value or a malformed message shows in the console, never as a broken page. */
function reportMessageError(error: Error): void {
  console.error(error.message);
}

export function translator(locale: Locale, intl: IntlShape = intlOf(locale)): Translate {
  return (key, values) => intl.formatMessage({ id: key }, values);
}

export function isMessageKey(key: string): key is MessageKey {
  return Object.hasOwn(en, key);
}

/** Groups of codes the server sends, each translated under `<group>.<code>`. */
export type LabelGroup =
  | 'delegationRole'
  | 'organisationKind'
  | 'summitRole'
  | 'summitStatus'
  | 'participationStatus'
  | 'sessionKind'
  | 'sessionStatus'
  | 'scheduleChange'
  | 'speakerKind'
  | 'speakerStatus'
  | 'visibility';

/** The translated name of a code such as a role, kind or status, or readable words for one this client does not know. */
export function labelOf(t: Translate, group: LabelGroup, code: string): string {
  const key = `${group}.${code}`;
  return isMessageKey(key) ? t(key) : humanize(code);
}

/** Turns a code such as `civil_society` into readable words. */
function humanize(code: string): string {
  const words = code.replace(/[_-]+/g, ' ').trim();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

export function isLocale(value: unknown): value is Locale {
  return locales.includes(value as Locale);
}

const storageKey = 'plenary.locale';

/** The language chosen on this browser, if any. */
export function storedLocale(): Locale | null {
  const value = localStorage.getItem(storageKey);
  return isLocale(value) ? value : null;
}

export function storeLocale(locale: Locale): void {
  localStorage.setItem(storageKey, locale);
}

/** The language to start with: the one chosen here before, else the browser's. */
export function initialLocale(): Locale {
  return storedLocale() ?? (navigator.language.toLowerCase().startsWith('fr') ? 'fr' : 'en');
}

/** A problem found by this client, kept as a key so that its message follows a change of language. */
export class Notice {
  constructor(readonly key: MessageKey) {}
}

/**
 * The message to show for a problem: a notice of this client, or a failed
 * request explained by the translation of the server's error code when there
 * is one, else by the server's own message.
 */
export function errorMessage(
  t: Translate,
  error: unknown,
  overrides: Partial<Record<string, MessageKey>> = {},
): string {
  if (error instanceof Notice) return t(error.key);
  if (!(error instanceof ApiError)) return t('errors.generic');
  const override = overrides[error.code];
  if (override) return t(override);
  // A limit that lifts by itself says when: seconds under two minutes, minutes beyond.
  if (error.retryAfterSeconds && (error.code === 'TOO_MANY_ATTEMPTS' || error.code === 'RATE_LIMITED')) {
    const seconds = error.retryAfterSeconds;
    return seconds < 120 ? t('errors.retryInSeconds', { count: seconds }) : t('errors.retryInMinutes', { count: Math.ceil(seconds / 60) });
  }
  const key = `errors.${error.code}`;
  if (isMessageKey(key)) return t(key);
  // Without a known code, only a message the server wrote for people is worth showing.
  if (error.code === 'UNKNOWN' || error.status >= 500 || !error.message) return t('errors.generic');
  return error.message;
}
