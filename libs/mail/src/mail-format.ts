import type { Locale } from '@plenary/common';

/** Who reads a mail: their language, and the time zone its moments are given in. */
export interface MailReader {
  locale: Locale;
  timeZone: string;
}

/** The conventions of each language: British English and French, both on the 24-hour clock. */
const REGIONS: Record<Locale, string> = { en: 'en-GB', fr: 'fr-FR' };

type Part = 'weekday' | 'day' | 'month' | 'year' | 'hour' | 'minute' | 'timeZoneName';

function parts(at: Date, reader: MailReader, options: Intl.DateTimeFormatOptions): Record<Part, string> {
  const formatted = new Intl.DateTimeFormat(REGIONS[reader.locale], { ...options, timeZone: reader.timeZone }).formatToParts(at);
  return Object.fromEntries(formatted.filter((p) => p.type !== 'literal').map((p) => [p.type, p.value])) as Record<Part, string>;
}

const DATE: Intl.DateTimeFormatOptions = { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' };
const TIME: Intl.DateTimeFormatOptions = { hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZoneName: 'short' };

/**
 * A day as its reader says it: `Thursday 14 May 2026`, `jeudi 14 mai 2026`.
 * Assembled from the names ICU gives rather than its whole pattern, whose
 * punctuation changes between releases of Node.js.
 */
export function formatDate(at: Date, reader: MailReader): string {
  const p = parts(at, reader, DATE);
  return `${p.weekday} ${p.day} ${p.month} ${p.year}`;
}

/** A moment on the 24-hour clock with its zone: `Thursday 14 May 2026, 10:00 (CEST)`, `jeudi 14 mai 2026 à 10:00 (UTC+2)`. */
export function formatDateTime(at: Date, reader: MailReader): string {
  const p = parts(at, reader, { ...DATE, ...TIME });
  const day = `${p.weekday} ${p.day} ${p.month} ${p.year}`;
  const time = `${p.hour}:${p.minute} (${p.timeZoneName})`;
  return reader.locale === 'fr' ? `${day} à ${time}` : `${day}, ${time}`;
}
