import { ICalCalendar, ICalCalendarMethod, ICalEventStatus, escape } from 'ical-generator';

/** One agenda session as it appears in a subscriber's calendar. */
export interface CalendarSession {
  /** Stable across renders; the event UID is `${id}@${uidDomain}`. */
  id: string;
  title: string;
  description: string | null;
  location: string | null;
  url: string | null;
  /** UTC instants. */
  startsAt: Date;
  endsAt: Date;
  status: 'scheduled' | 'postponed' | 'cancelled';
  /** Bumped by the caller on every schedule change, so clients replace their copy. */
  sequence: number;
  /** Written as DTSTAMP and LAST-MODIFIED. */
  updatedAt: Date;
  summitTitle: string;
}

export interface CalendarFeed {
  name: string;
  /** IANA zone the client should display the feed in (X-WR-TIMEZONE); event times stay UTC. */
  timeZone: string;
  uidDomain: string;
  sessions: CalendarSession[];
  /** How often subscribed clients should poll the feed; 15 when absent. */
  refreshIntervalMinutes?: number;
}

const PRODUCT_ID = '//Plenary//Summit agenda//EN';
const DEFAULT_REFRESH_INTERVAL_MINUTES = 15;

/** Controls a TEXT value may not carry (RFC 5545 §3.3.11: no CONTROL but HTAB; line breaks are written as `\\n`), and bidirectional overrides and isolates. */
// eslint-disable-next-line no-control-regex -- control characters are what this matches
const NOT_CALENDAR_TEXT = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]/g;

/**
 * Text as a calendar property may carry it: line breaks kept (as LF, which
 * ical-generator escapes), tabs kept, every other control and bidirectional
 * override removed. A NUL or an escape sequence in a stored title would
 * otherwise reach every subscriber's calendar client.
 */
export function calendarText(text: string): string {
  return text.replace(/\r\n?/g, '\n').replace(NOT_CALENDAR_TEXT, '');
}

function optionalText(text: string | null): string | null {
  return text === null ? null : calendarText(text);
}

const EVENT_STATUS: Record<CalendarSession['status'], ICalEventStatus> = {
  scheduled: ICalEventStatus.CONFIRMED,
  postponed: ICalEventStatus.TENTATIVE,
  cancelled: ICalEventStatus.CANCELLED,
};

/** Renders a subscribable RFC 5545 feed (METHOD:PUBLISH) with one VEVENT per session. */
export function renderCalendar(feed: CalendarFeed): string {
  const refreshMinutes = feed.refreshIntervalMinutes ?? DEFAULT_REFRESH_INTERVAL_MINUTES;
  if (!Number.isInteger(refreshMinutes) || refreshMinutes <= 0) {
    throw new RangeError(`refreshIntervalMinutes must be a positive integer, got ${refreshMinutes}`);
  }

  const calendar = new ICalCalendar({
    prodId: PRODUCT_ID,
    method: ICalCalendarMethod.PUBLISH,
    // ical-generator writes NAME and X-WR-CALNAME verbatim, so a comma or a
    // line break in a summit name would corrupt the feed unless escaped here.
    name: escape(calendarText(feed.name), false),
    ttl: refreshMinutes * 60,
    // Not `timezone`: that would make ical-generator write local times with a
    // TZID it cannot define; X-WR-TIMEZONE alone is a display hint.
    x: [['X-WR-TIMEZONE', escape(calendarText(feed.timeZone), false)]],
  });

  for (const session of feed.sessions) {
    const title = calendarText(session.title);
    calendar.createEvent({
      id: calendarText(`${session.id}@${feed.uidDomain}`),
      sequence: session.sequence,
      stamp: session.updatedAt,
      lastModified: session.updatedAt,
      start: session.startsAt,
      end: session.endsAt,
      summary: session.status === 'postponed' ? `[Postponed] ${title}` : title,
      description: optionalText(session.description),
      location: optionalText(session.location) || null,
      url: optionalText(session.url),
      status: EVENT_STATUS[session.status],
      categories: [{ name: calendarText(session.summitTitle) }],
    });
  }

  // Every content line ends with CRLF (RFC 5545 §3.1), the last one included;
  // ical-generator stops after END:VCALENDAR.
  return `${calendar.toString()}\r\n`;
}
