import { Inject, Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { DomainError, ErrorCode, newId, randomSecret, sha256Hex } from '@plenary/common';
import { APP_CONFIG, AppConfig } from '@plenary/config';
import { DirectoryService, Principal } from '@plenary/identity';
import { In, Repository } from 'typeorm';
import { SummitAccessService } from '../access/summit-access.service';
import type { SummitContext } from '../access/summit-context';
import { canSeeSession } from '../sessions/sessions.service';
import { SummitSession } from '../sessions/session.entity';
import { CalendarFeedToken } from './calendar-feed.entity';
import { CalendarSession, renderCalendar } from './ical';

export interface IssuedFeed {
  feed: CalendarFeedToken;
  /** webcal:// address for calendar applications; the token appears only here. */
  url: string;
  httpUrl: string;
}

/** iCalendar views of the agenda, and secret subscription addresses for calendar applications. */
@Injectable()
export class CalendarService {
  constructor(
    @InjectRepository(CalendarFeedToken) private readonly feeds: Repository<CalendarFeedToken>,
    @InjectRepository(SummitSession) private readonly sessions: Repository<SummitSession>,
    private readonly directory: DirectoryService,
    private readonly access: SummitAccessService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  forSummit(ctx: SummitContext): Promise<string> {
    return this.render([ctx], 'Plenary');
  }

  /** A subscription to one summit (checked here: it comes in the body) or to every summit the user may read. */
  async issue(principal: Principal, summitId: string | undefined): Promise<IssuedFeed> {
    if (summitId) await this.access.read(principal, summitId);
    const token = randomSecret();
    const feed = this.feeds.create({ id: newId(), userId: principal.userId, summitId: summitId ?? null, tokenHash: sha256Hex(token), createdAt: new Date() });
    await this.feeds.save(feed);
    const httpUrl = `${this.config.publicUrl}/api/public/calendar/${token}.ics`;
    return { feed, httpUrl, url: httpUrl.replace(/^https?:/, 'webcal:') };
  }

  list(principal: Principal): Promise<CalendarFeedToken[]> {
    return this.feeds.find({ where: { userId: principal.userId }, order: { createdAt: 'DESC' } });
  }

  async revoke(principal: Principal, feedId: string): Promise<void> {
    const result = await this.feeds.delete({ id: feedId, userId: principal.userId });
    if (!result.affected) throw new DomainError(ErrorCode.NotFound, 'No such calendar subscription');
  }

  /** The feed behind a secret address, with the access of its owner as it is now. */
  async byToken(token: string): Promise<string> {
    const feed = await this.feeds.findOne({ where: { tokenHash: sha256Hex(token) } });
    const user = feed ? await this.directory.user(feed.userId) : null;
    if (!feed || !user || user.disabledAt) throw new DomainError(ErrorCode.NotFound, 'No such calendar');
    const principal: Principal = { userId: user.id, sessionId: `calendar-feed:${feed.id}`, email: user.email, platformRole: user.platformRole };
    const readable = await this.access.readable(principal);
    const contexts = feed.summitId ? readable.filter((ctx) => ctx.summit.id === feed.summitId) : readable;
    if (feed.summitId && contexts.length === 0) throw new DomainError(ErrorCode.NotFound, 'No such calendar');
    return this.render(contexts, `Plenary – ${user.displayName}`);
  }

  /** The sessions each caller's context lets them see, in one query for all the summits. */
  private async render(contexts: SummitContext[], name: string): Promise<string> {
    const summits = contexts.map((ctx) => ctx.summit);
    const rows = summits.length ? await this.sessions.find({ where: { summitId: In(summits.map((s) => s.id)) }, order: { startsAt: 'ASC' } }) : [];
    const sessions: CalendarSession[] = [];
    for (const ctx of contexts) {
      const summit = ctx.summit;
      for (const s of rows.filter((row) => row.summitId === summit.id && canSeeSession(ctx, row))) {
        sessions.push({
          id: s.id,
          title: s.title,
          description: s.description || null,
          location: s.room,
          url: `${this.config.publicUrl}/sessions/${s.id}`,
          startsAt: s.startsAt,
          endsAt: s.endsAt,
          status: s.status,
          sequence: s.sequence,
          updatedAt: s.updatedAt,
          summitTitle: summit.title,
        });
      }
    }
    const calendarName = summits.length === 1 ? summits[0].title : name;
    const timeZone = summits.length === 1 ? summits[0].timeZone : 'UTC';
    return renderCalendar({ name: calendarName, timeZone, uidDomain: new URL(this.config.publicUrl).hostname, sessions });
  }
}
