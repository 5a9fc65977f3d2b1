import ICAL from 'ical.js';
import { CalendarFeed, CalendarSession, renderCalendar } from './ical';

const UID_DOMAIN = 'plenary.example';

function makeSession(overrides: Partial<CalendarSession> = {}): CalendarSession {
  return {
    id: '0b6c9a8e-5f1d-4c52-9d0e-2a7f3b1c4e01',
    title: 'Opening plenary',
    description: 'Welcome address and adoption of the agenda.',
    location: 'Main hall',
    url: 'https://plenary.example/summits/cop/sessions/opening',
    startsAt: new Date('2026-11-23T09:00:00Z'),
    endsAt: new Date('2026-11-23T10:30:00Z'),
    status: 'scheduled',
    sequence: 0,
    updatedAt: new Date('2026-11-01T12:00:00Z'),
    summitTitle: 'Climate Summit 2026',
    ...overrides,
  };
}

function makeFeed(overrides: Partial<CalendarFeed> = {}): CalendarFeed {
  return {
    name: 'Climate Summit 2026',
    timeZone: 'Europe/Paris',
    uidDomain: UID_DOMAIN,
    sessions: [makeSession()],
    ...overrides,
  };
}

/** Parses with ical.js, an implementation independent of the one that wrote the feed. */
function parse(ics: string): ICAL.Component {
  return new ICAL.Component(ICAL.parse(ics));
}

function events(ics: string): ICAL.Component[] {
  return parse(ics).getAllSubcomponents('vevent');
}

function onlyEvent(ics: string): ICAL.Component {
  const [event, ...others] = events(ics);
  expect(others).toHaveLength(0);
  return event;
}

function time(event: ICAL.Component, name: string): ICAL.Time {
  const value = event.getFirstPropertyValue(name);
  if (!(value instanceof ICAL.Time)) throw new Error(`${name} is not a date-time`);
  return value;
}

/** ical.js leaves X- properties unescaped; calendar clients read X-WR-* values as TEXT. */
function xText(component: ICAL.Component, name: string): string {
  const text: { fromICAL(value: string): string } = ICAL.design.icalendar.value.text;
  return text.fromICAL(String(component.getFirstPropertyValue(name)));
}

/** Content lines as transmitted, before unfolding. */
function physicalLines(ics: string): string[] {
  return ics.split('\r\n').slice(0, -1);
}

describe(renderCalendar.name, () => {
  it('identifies Plenary as the producer of a published calendar', () => {
    const calendar = parse(renderCalendar(makeFeed()));

    expect(calendar.name).toBe('vcalendar');
    expect(calendar.getFirstPropertyValue('version')).toBe('2.0');
    expect(calendar.getFirstPropertyValue('prodid')).toBe('-//Plenary//Summit agenda//EN');
    expect(calendar.getFirstPropertyValue('method')).toBe('PUBLISH');
  });

  it('writes one event per session, each with its own UID', () => {
    const sessions = ['a', 'b', 'c'].map((id) => makeSession({ id, title: `Session ${id}` }));

    const found = events(renderCalendar(makeFeed({ sessions })));

    expect(found.map((event) => event.getFirstPropertyValue('uid'))).toEqual([
      `a@${UID_DOMAIN}`,
      `b@${UID_DOMAIN}`,
      `c@${UID_DOMAIN}`,
    ]);
    expect(found.map((event) => event.getFirstPropertyValue('summary'))).toEqual(['Session a', 'Session b', 'Session c']);
  });

  it('writes a calendar without events when there are no sessions', () => {
    expect(events(renderCalendar(makeFeed({ sessions: [] })))).toHaveLength(0);
  });

  it('keeps the UID of a session when its title and times change', () => {
    const before = makeSession({ sequence: 0 });
    const after = makeSession({
      title: 'Opening plenary (moved)',
      startsAt: new Date('2026-11-24T14:00:00Z'),
      endsAt: new Date('2026-11-24T15:00:00Z'),
      sequence: 1,
    });

    const first = onlyEvent(renderCalendar(makeFeed({ sessions: [before] })));
    const second = onlyEvent(renderCalendar(makeFeed({ sessions: [after] })));

    expect(second.getFirstPropertyValue('summary')).not.toBe(first.getFirstPropertyValue('summary'));
    expect(second.getFirstPropertyValue('uid')).toBe(first.getFirstPropertyValue('uid'));
    expect(second.getFirstPropertyValue('uid')).toBe(`${before.id}@${UID_DOMAIN}`);
  });

  it('carries the sequence number given by the caller', () => {
    const event = onlyEvent(renderCalendar(makeFeed({ sessions: [makeSession({ sequence: 7 })] })));

    expect(event.getFirstPropertyValue('sequence')).toBe(7);
  });

  it('marks a cancelled session as cancelled without renaming it', () => {
    const event = onlyEvent(renderCalendar(makeFeed({ sessions: [makeSession({ status: 'cancelled' })] })));

    expect(event.getFirstPropertyValue('status')).toBe('CANCELLED');
    expect(event.getFirstPropertyValue('summary')).toBe('Opening plenary');
  });

  it('marks a postponed session as tentative and says so in its summary', () => {
    const event = onlyEvent(renderCalendar(makeFeed({ sessions: [makeSession({ status: 'postponed' })] })));

    expect(event.getFirstPropertyValue('status')).toBe('TENTATIVE');
    expect(event.getFirstPropertyValue('summary')).toBe('[Postponed] Opening plenary');
  });

  it('marks a scheduled session as confirmed', () => {
    const event = onlyEvent(renderCalendar(makeFeed({ sessions: [makeSession({ status: 'scheduled' })] })));

    expect(event.getFirstPropertyValue('status')).toBe('CONFIRMED');
  });

  it('writes start and end as the given instants in UTC, whatever the display time zone', () => {
    const startsAt = new Date('2026-11-23T09:00:00Z');
    const endsAt = new Date('2026-11-23T10:30:00Z');
    const ics = renderCalendar(makeFeed({ timeZone: 'Asia/Tokyo', sessions: [makeSession({ startsAt, endsAt })] }));
    const event = onlyEvent(ics);

    expect(ics).toContain('\r\nDTSTART:20261123T090000Z\r\n');
    expect(ics).toContain('\r\nDTEND:20261123T103000Z\r\n');
    for (const [name, instant] of [
      ['dtstart', startsAt],
      ['dtend', endsAt],
    ] as const) {
      expect(event.getFirstProperty(name)?.getParameter('tzid')).toBeUndefined();
      expect(time(event, name).zone).toBe(ICAL.Timezone.utcTimezone);
      expect(time(event, name).toJSDate().getTime()).toBe(instant.getTime());
    }
  });

  it('stamps each event with the time the session was last updated', () => {
    const updatedAt = new Date('2026-11-02T08:15:30Z');
    const event = onlyEvent(renderCalendar(makeFeed({ sessions: [makeSession({ updatedAt })] })));

    expect(time(event, 'dtstamp').toJSDate().getTime()).toBe(updatedAt.getTime());
    expect(time(event, 'last-modified').toJSDate().getTime()).toBe(updatedAt.getTime());
  });

  it('round-trips commas, semicolons, backslashes and line breaks in text', () => {
    const title = 'Finance; loss, damage \\ adaptation';
    const description = 'Chairs: A, B; C\nRoom 2\\B\r\nBring: notes, badge;\n\nEnd';
    const location = 'Hall 1, level 2; east wing';
    const summitTitle = 'COP, 31; Belém';
    const name = 'Delegation feed, COP; 31\nFrance';
    const ics = renderCalendar(makeFeed({ name, sessions: [makeSession({ title, description, location, summitTitle })] }));
    const calendar = parse(ics);
    const event = onlyEvent(ics);

    expect(event.getFirstPropertyValue('summary')).toBe(title);
    expect(event.getFirstPropertyValue('description')).toBe(description.replace(/\r\n/g, '\n'));
    expect(event.getFirstPropertyValue('location')).toBe(location);
    expect(event.getFirstProperty('categories')?.getValues()).toEqual([summitTitle]);
    expect(xText(calendar, 'x-wr-calname')).toBe(name);
  });

  it('carries no NUL or other control character stored in a title, description, location or name', () => {
    const ics = renderCalendar(
      makeFeed({
        name: 'Feed\u0000 name\u001b[2J',
        sessions: [makeSession({ title: 'Opening\u0000 plenary\u0007', description: 'Line\u0000 one\n\tLine two\u0085', location: 'Hall\u000b 1', summitTitle: 'Summit\u007f' })],
      }),
    );
    const event = onlyEvent(ics);

    // eslint-disable-next-line no-control-regex -- control characters are what this matches
    expect(ics).not.toMatch(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/);
    expect(event.getFirstPropertyValue('summary')).toBe('Opening plenary');
    expect(event.getFirstPropertyValue('description')).toBe('Line one\n\tLine two');
    expect(event.getFirstPropertyValue('location')).toBe('Hall 1');
    expect(event.getFirstProperty('categories')?.getValues()).toEqual(['Summit']);
    expect(xText(parse(ics), 'x-wr-calname')).toBe('Feed name[2J');
  });

  it('removes bidirectional overrides, which would make a title read otherwise than it is stored', () => {
    const event = onlyEvent(renderCalendar(makeFeed({ sessions: [makeSession({ title: 'Budget \u202Etxet\u202C review' })] })));

    expect(event.getFirstPropertyValue('summary')).toBe('Budget txet review');
  });

  it('omits description, location and link when a session has none', () => {
    const event = onlyEvent(
      renderCalendar(makeFeed({ sessions: [makeSession({ description: null, location: null, url: null })] })),
    );

    expect(event.hasProperty('description')).toBe(false);
    expect(event.hasProperty('location')).toBe(false);
    expect(event.hasProperty('url')).toBe(false);
  });

  it('links each event to its session page', () => {
    const url = 'https://plenary.example/summits/cop/sessions/opening?tab=agenda';
    const event = onlyEvent(renderCalendar(makeFeed({ sessions: [makeSession({ url })] })));

    expect(event.getFirstPropertyValue('url')).toBe(url);
  });

  it.each([
    ['ASCII', 'Agenda item 4: review of the draft decision text, paragraph by paragraph. '.repeat(8)],
    ['French', 'Séance d’ouverture : élection du président, adoption de l’ordre du jour. '.repeat(8)],
    ['Japanese', '開会本会議：議長の選出、議題の採択、作業計画の承認。'.repeat(12)],
    ['emoji', 'Break 🌍☕️ then negotiations 🤝 '.repeat(12)],
  ])('folds a long %s description into lines of at most 75 octets', (_, description) => {
    const ics = renderCalendar(makeFeed({ name: description, sessions: [makeSession({ title: description, description })] }));
    const lines = physicalLines(ics);

    expect(Buffer.byteLength(description, 'utf8')).toBeGreaterThan(75 * 3);
    expect(lines.filter((line) => line.startsWith(' ')).length).toBeGreaterThanOrEqual(3 * 3);
    for (const line of lines) {
      expect(Buffer.byteLength(line, 'utf8')).toBeLessThanOrEqual(75);
      // A fold inside a character would leave a lone surrogate, which UTF-8 cannot carry.
      expect(Buffer.from(line, 'utf8').toString('utf8')).toBe(line);
    }
    const event = onlyEvent(ics);
    expect(event.getFirstPropertyValue('description')).toBe(description);
    expect(event.getFirstPropertyValue('summary')).toBe(description);
    expect(xText(parse(ics), 'x-wr-calname')).toBe(description);
  });

  it('ends every line, the last included, with CRLF', () => {
    const ics = renderCalendar(
      makeFeed({ sessions: [makeSession({ description: 'Line one\nLine two\rLine three\r\n'.repeat(10) })] }),
    );

    expect(ics.startsWith('BEGIN:VCALENDAR\r\n')).toBe(true);
    expect(ics.endsWith('END:VCALENDAR\r\n')).toBe(true);
    expect(ics.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
  });

  it('names the feed and the time zone to display it in', () => {
    const calendar = parse(renderCalendar(makeFeed({ name: 'My agenda', timeZone: 'America/New_York' })));

    expect(xText(calendar, 'x-wr-calname')).toBe('My agenda');
    expect(xText(calendar, 'x-wr-timezone')).toBe('America/New_York');
  });

  it('asks subscribers to refresh every 15 minutes by default', () => {
    const calendar = parse(renderCalendar(makeFeed()));

    expect(calendar.getFirstPropertyValue('x-published-ttl')).toBe('PT15M');
    expect(String(calendar.getFirstPropertyValue('refresh-interval'))).toBe('PT15M');
  });

  it('asks subscribers to refresh at the interval given', () => {
    const calendar = parse(renderCalendar(makeFeed({ refreshIntervalMinutes: 90 })));

    expect(calendar.getFirstPropertyValue('x-published-ttl')).toBe('PT1H30M');
    expect(String(calendar.getFirstPropertyValue('refresh-interval'))).toBe('PT1H30M');
  });

  it.each([0, -5, 2.5, Number.NaN])('refuses a refresh interval of %p minutes', (refreshIntervalMinutes) => {
    expect(() => renderCalendar(makeFeed({ refreshIntervalMinutes }))).toThrow(RangeError);
  });
});
