import { formatDate, formatDateTime } from './mail-format';

const OPENING = new Date('2026-05-14T08:00:00Z');

describe(formatDateTime.name, () => {
  it('writes a moment in British English on the 24-hour clock, in the reader’s zone', () => {
    expect(formatDateTime(OPENING, { locale: 'en', timeZone: 'Europe/London' })).toBe('Thursday 14 May 2026, 09:00 (BST)');
    expect(formatDateTime(new Date('2026-05-14T15:30:00Z'), { locale: 'en', timeZone: 'Europe/London' })).toBe('Thursday 14 May 2026, 16:30 (BST)');
  });

  it('writes a moment in French on the 24-hour clock', () => {
    expect(formatDateTime(new Date('2026-05-14T15:30:00Z'), { locale: 'fr', timeZone: 'Europe/Paris' })).toBe('jeudi 14 mai 2026 à 17:30 (UTC+2)');
  });

  it('gives the day and the hour of the reader’s zone, even when it is another day there', () => {
    expect(formatDateTime(new Date('2026-05-14T20:00:00Z'), { locale: 'en', timeZone: 'Pacific/Auckland' })).toMatch(/^Friday 15 May 2026, 08:00 \((GMT|UTC)\+12\)$/);
    expect(formatDateTime(OPENING, { locale: 'fr', timeZone: 'America/Toronto' })).toMatch(/^jeudi 14 mai 2026 à 04:00 \(UTC[−-]4\)$/);
  });

  it('never uses a 12-hour clock', () => {
    const evening = new Date('2026-11-03T21:05:00Z');
    for (const locale of ['en', 'fr'] as const) {
      expect(formatDateTime(evening, { locale, timeZone: 'UTC' })).toMatch(/21:05 \(UTC\)$/);
      expect(formatDateTime(evening, { locale, timeZone: 'UTC' })).not.toMatch(/\b(am|pm)\b/i);
    }
  });
});

describe(formatDate.name, () => {
  it('names the day in the reader’s language', () => {
    expect(formatDate(OPENING, { locale: 'en', timeZone: 'Europe/Paris' })).toBe('Thursday 14 May 2026');
    expect(formatDate(OPENING, { locale: 'fr', timeZone: 'Europe/Paris' })).toBe('jeudi 14 mai 2026');
  });
});
