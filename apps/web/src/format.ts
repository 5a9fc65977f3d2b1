import type { Locale } from './i18n';

/**
 * The conventions dates and times are written in for a language: British
 * English and French, both on the 24-hour clock, as in the mails.
 */
export function dateLocale(locale: Locale): string {
  return locale === 'fr' ? 'fr-FR' : 'en-GB';
}

/** An organisation's name in the reader's language: its French name for a French reader, where it has one. */
export function localName(named: { name: string; nameFr?: string | null }, locale: Locale): string {
  return locale === 'fr' && named.nameFr ? named.nameFr : named.name;
}

/** A date and time in the reader's language and time zone (the browser's when the zone is unknown). */
export function formatDateTime(iso: string, locale: Locale, timeZone: string): string {
  const date = new Date(iso);
  const options: Intl.DateTimeFormatOptions = { dateStyle: 'medium', timeStyle: 'short' };
  const zone = isTimeZone(timeZone) ? timeZone : undefined;
  return new Intl.DateTimeFormat(dateLocale(locale), { ...options, timeZone: zone }).format(date);
}

export function isTimeZone(value: string): boolean {
  if (!value) return false;
  try {
    new Intl.DateTimeFormat('en', { timeZone: value });
    return true;
  } catch (error) {
    if (error instanceof RangeError) return false;
    throw error;
  }
}

export function timeZones(): string[] {
  return Intl.supportedValuesOf('timeZone');
}

// Wall-clock times (`YYYY-MM-DDTHH:mm`, as a datetime-local field holds them)
// are read in a named IANA zone, not the browser's: a summit is planned in its
// own zone whatever the zone of the person planning it.

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;
const wallClockFormatters = new Map<string, Intl.DateTimeFormat>();

function wallClockFormatter(timeZone: string): Intl.DateTimeFormat {
  let formatter = wallClockFormatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    wallClockFormatters.set(timeZone, formatter);
  }
  return formatter;
}

/** The wall-clock time in `timeZone` at an instant, written as if it were a UTC instant. */
function wallClockAt(instantMs: number, timeZone: string): number {
  const parts = Object.fromEntries(
    wallClockFormatter(timeZone)
      .formatToParts(new Date(instantMs))
      .map((part) => [part.type, Number(part.value)]),
  );
  return Date.UTC(parts.year, parts.month - 1, parts.day, parts.hour % 24, parts.minute, parts.second);
}

function offsetAt(instantMs: number, timeZone: string): number {
  const wholeSecond = Math.floor(instantMs / 1000) * 1000;
  return wallClockAt(wholeSecond, timeZone) - wholeSecond;
}

const localDateTimePattern = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/;

/**
 * The UTC instant (ISO) of a wall-clock time in a zone, or null when the text
 * is not a `YYYY-MM-DDTHH:mm` time. A time repeated when clocks go back is its
 * first occurrence; a time skipped when they go forward is read with the offset
 * before the change (02:30 becomes 03:30), as the server does.
 */
export function zonedToInstant(local: string, timeZone: string): string | null {
  const match = localDateTimePattern.exec(local);
  if (!match || !isTimeZone(timeZone)) return null;
  const [year, month, day, hour, minute] = match.slice(1).map(Number);
  const wall = Date.UTC(year, month - 1, day, hour, minute);
  if (Number.isNaN(wall)) return null;
  // No zone changes its offset twice within two days, so the offsets a day either side are the only candidates.
  const before = offsetAt(wall - DAY_MS, timeZone);
  const after = offsetAt(wall + DAY_MS, timeZone);
  const fits = [before, after].find((offset) => offsetAt(wall - offset, timeZone) === offset);
  return new Date(wall - (fits ?? before)).toISOString();
}

/** The wall-clock time (`YYYY-MM-DDTHH:mm`) in a zone at an instant. */
export function instantToZoned(iso: string, timeZone: string): string {
  return new Date(wallClockAt(new Date(iso).getTime(), timeZone)).toISOString().slice(0, 16);
}

/** The calendar dates (`YYYY-MM-DD`) in a zone from the one an instant falls on to the one another falls on. */
export function datesBetween(fromIso: string, toIso: string, timeZone: string): string[] {
  const first = Date.parse(`${instantToZoned(fromIso, timeZone).slice(0, 10)}T00:00Z`);
  const lastLocal = instantToZoned(toIso, timeZone);
  // A summit ending at midnight does not reach into the next day.
  let last = Date.parse(`${lastLocal.slice(0, 10)}T00:00Z`);
  if (lastLocal.endsWith('T00:00') && last > first) last -= DAY_MS;
  const dates: string[] = [];
  for (let day = first; day <= last; day += DAY_MS) dates.push(new Date(day).toISOString().slice(0, 10));
  return dates;
}

/** The date after a `YYYY-MM-DD` date. */
export function nextDate(date: string): string {
  return new Date(Date.parse(`${date}T00:00Z`) + DAY_MS).toISOString().slice(0, 10);
}

/** A calendar date (`YYYY-MM-DD`) in words, such as Thursday 14 May 2026. */
export function formatDate(date: string, locale: Locale): string {
  return new Intl.DateTimeFormat(dateLocale(locale), { dateStyle: 'full', timeZone: 'UTC' }).format(new Date(`${date}T00:00Z`));
}

/**
 * A wall-clock span such as 09:00–10:30, in 24-hour time as summit agendas are
 * written; the end carries its date when it falls on another day.
 */
export function formatLocalSpan(start: string, end: string, locale: Locale): string {
  const endsOtherDay = start.slice(0, 10) !== end.slice(0, 10);
  const endDate = new Intl.DateTimeFormat(dateLocale(locale), { day: 'numeric', month: 'short', timeZone: 'UTC' }).format(
    new Date(`${end.slice(0, 10)}T00:00Z`),
  );
  return `${start.slice(11, 16)}–${endsOtherDay ? `${endDate} ` : ''}${end.slice(11, 16)}`;
}

function mediumDate(date: string, locale: Locale): string {
  return new Intl.DateTimeFormat(dateLocale(locale), { dateStyle: 'medium', timeZone: 'UTC' }).format(new Date(`${date}T00:00Z`));
}

/** A wall-clock span with its date, such as 14 May 2026, 09:00–10:30. */
export function formatLocalDaySpan(start: string, end: string, locale: Locale): string {
  return `${mediumDate(start.slice(0, 10), locale)}, ${formatLocalSpan(start, end, locale)}`;
}

/** A span between two instants shown in a zone, such as 14 May 2026, 09:00–10:30. */
export function formatSpan(startIso: string, endIso: string, locale: Locale, timeZone: string): string {
  return formatLocalDaySpan(instantToZoned(startIso, timeZone), instantToZoned(endIso, timeZone), locale);
}

/** A length of time as m:ss, or h:mm:ss from an hour; the sign is the caller's to show. */
export function formatDuration(totalSeconds: number): string {
  const seconds = Math.abs(Math.trunc(totalSeconds));
  const hours = Math.floor(seconds / 3600);
  const minutes = Math.floor((seconds % 3600) / 60);
  const rest = String(seconds % 60).padStart(2, '0');
  return hours > 0 ? `${hours}:${String(minutes).padStart(2, '0')}:${rest}` : `${minutes}:${rest}`;
}

const browsers: [RegExp, string][] = [
  [/Edg(e|A|iOS)?\//, 'Edge'],
  [/OPR\//, 'Opera'],
  [/Firefox\/|FxiOS\//, 'Firefox'],
  [/Chrom(e|ium)\/|CriOS\//, 'Chrome'],
  [/Safari\//, 'Safari'],
];

const systems: [RegExp, string][] = [
  [/Android/, 'Android'],
  [/iPhone|iPad|iPod/, 'iOS'],
  [/Windows/, 'Windows'],
  [/Mac OS X|Macintosh/, 'macOS'],
  [/CrOS/, 'ChromeOS'],
  [/Linux/, 'Linux'],
];

/** A short name for the device behind a user agent: its browser and operating system. */
export function describeUserAgent(userAgent: string): { browser: string | null; os: string | null } {
  const browser = browsers.find(([pattern]) => pattern.test(userAgent))?.[1] ?? null;
  const os = systems.find(([pattern]) => pattern.test(userAgent))?.[1] ?? null;
  return { browser, os };
}
