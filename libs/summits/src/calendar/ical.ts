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
    name: escape(feed.name, false),
    ttl: refreshMinutes * 60,
    // Not `timezone`: that would make ical-generator write local times with a
    // TZID it cannot define; X-WR-TIMEZONE alone is a display hint.
    x: [['X-WR-TIMEZONE', feed.timeZone]],
  });

  for (const session of feed.sessions) {
    calendar.createEvent({
      id: `${session.id}@${feed.uidDomain}`,
      sequence: session.sequence,
      stamp: session.updatedAt,
      lastModified: session.updatedAt,
      start: session.startsAt,
      end: session.endsAt,
      summary: session.status === 'postponed' ? `[Postponed] ${session.title}` : session.title,
      description: session.description,
      location: session.location || null,
      url: session.url,
      status: EVENT_STATUS[session.status],
      categories: [{ name: session.summitTitle }],
    });
  }

  // Every content line ends with CRLF (RFC 5545 §3.1), the last one included;
  // ical-generator stops after END:VCALENDAR.
  return `${calendar.toString()}\r\n`;
}
