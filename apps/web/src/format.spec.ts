import { datesBetween, describeUserAgent, formatDate, formatDateTime, formatDuration, formatLocalSpan, instantToZoned, zonedToInstant } from './format';

describe('zonedToInstant', () => {
  it('reads a wall-clock time in the zone named, not the browser’s', () => {
    expect(zonedToInstant('2026-05-14T09:00', 'Asia/Tokyo')).toBe('2026-05-14T00:00:00.000Z');
    expect(zonedToInstant('2026-05-14T09:00', 'Europe/Paris')).toBe('2026-05-14T07:00:00.000Z');
  });

  it('reads a time skipped when clocks go forward with the offset before the change', () => {
    // Paris went from 02:00 to 03:00 on 29 March 2026.
    expect(zonedToInstant('2026-03-29T02:30', 'Europe/Paris')).toBe('2026-03-29T01:30:00.000Z');
  });

  it('reads a time repeated when clocks go back as its first occurrence', () => {
    // Paris went from 03:00 back to 02:00 on 25 October 2026.
    expect(zonedToInstant('2026-10-25T02:30', 'Europe/Paris')).toBe('2026-10-25T00:30:00.000Z');
  });

  it.each([
    ['2026-05-14 09:00', 'Europe/Paris'],
    ['2026-05-14T09:00', 'Mars/Olympus'],
    ['', 'Europe/Paris'],
  ])('refuses %j in %s', (local, zone) => {
    expect(zonedToInstant(local, zone)).toBeNull();
  });
});

describe('instantToZoned', () => {
  it('gives the wall clock of an instant in a zone', () => {
    expect(instantToZoned('2026-05-14T23:30:00Z', 'Asia/Tokyo')).toBe('2026-05-15T08:30');
    expect(instantToZoned('2026-05-14T23:30:00Z', 'America/New_York')).toBe('2026-05-14T19:30');
  });
});

describe('datesBetween', () => {
  it('lists the days of a summit in its zone', () => {
    expect(datesBetween('2026-05-13T22:00:00Z', '2026-05-15T20:00:00Z', 'Europe/Paris')).toEqual(['2026-05-14', '2026-05-15']);
  });

  it('leaves out the day a summit ending at midnight does not reach into', () => {
    expect(datesBetween('2026-05-14T07:00:00Z', '2026-05-15T22:00:00Z', 'Europe/Paris')).toEqual(['2026-05-14', '2026-05-15']);
  });
});

describe('formatLocalSpan', () => {
  it('writes a span in 24-hour time', () => {
    expect(formatLocalSpan('2026-05-14T14:00', '2026-05-14T15:30', 'en')).toBe('14:00–15:30');
  });

  it('dates the end when it falls on another day', () => {
    expect(formatLocalSpan('2026-05-14T23:00', '2026-05-15T01:00', 'fr')).toBe('23:00–15 mai 01:00');
  });
});

describe('formatDuration', () => {
  it.each([
    [0, '0:00'],
    [59, '0:59'],
    [61, '1:01'],
    [3600, '1:00:00'],
    [-90, '1:30'],
  ])('writes %d seconds as %s', (seconds, text) => {
    expect(formatDuration(seconds)).toBe(text);
  });
});

describe('describeUserAgent', () => {
  it('names Edge rather than the Chrome it also claims to be', () => {
    const edge = 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0 Safari/537.36 Edg/120.0';
    expect(describeUserAgent(edge)).toEqual({ browser: 'Edge', os: 'Windows' });
  });

  it('names Safari on an iPhone', () => {
    const safari = 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.0 Mobile/15E148 Safari/604.1';
    expect(describeUserAgent(safari)).toEqual({ browser: 'Safari', os: 'iOS' });
  });
});

describe('formatDateTime and formatDate', () => {
  it('write English the British way and French the French way, both on the 24-hour clock, in the zone given', () => {
    expect(formatDateTime('2026-12-04T18:27:00Z', 'en', 'Europe/London')).toBe('4 Dec 2026, 18:27');
    expect(formatDateTime('2026-12-04T18:27:00Z', 'fr', 'Europe/Paris')).toBe('4 déc. 2026, 19:27');
    expect(formatDateTime('2026-12-04T00:05:00Z', 'en', 'UTC')).toBe('4 Dec 2026, 00:05');
    expect(formatDate('2026-05-14', 'en')).toBe('Thursday, 14 May 2026');
    expect(formatDate('2026-05-14', 'fr')).toBe('jeudi 14 mai 2026');
  });
});
