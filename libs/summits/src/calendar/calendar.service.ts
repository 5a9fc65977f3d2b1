import { Inject, Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { DomainError, ErrorCode, newId, randomSecret, sha256Hex } from '@plenary/common';
import { APP_CONFIG, AppConfig } from '@plenary/config';
import { Principal, User } from '@plenary/identity';
import { In, Repository } from 'typeorm';
import { SummitAccessService } from '../access/summit-access.service';
import { canSeeSession } from '../sessions/sessions.service';
import { SummitSession } from '../sessions/session.entity';
import { Summit } from '../summits/summit.entity';
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
    @InjectRepository(Summit) private readonly summits: Repository<Summit>,
    @InjectRepository(User) private readonly users: Repository<User>,
    private readonly access: SummitAccessService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async forSummit(principal: Principal, summitId: string): Promise<string> {
    await this.access.read(principal, summitId);
    return this.render(principal, [summitId], 'Plenary');
  }

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
    const user = feed ? await this.users.findOne({ where: { id: feed.userId } }) : null;
    if (!feed || !user || user.disabledAt) throw new DomainError(ErrorCode.NotFound, 'No such calendar');
    const principal: Principal = { userId: user.id, sessionId: `calendar-feed:${feed.id}`, email: user.email, platformRole: user.platformRole };
    const readable = await this.access.readableSummitIds(principal);
    const summitIds = feed.summitId ? readable.filter((id) => id === feed.summitId) : readable;
    if (feed.summitId && summitIds.length === 0) throw new DomainError(ErrorCode.NotFound, 'No such calendar');
    return this.render(principal, summitIds, `Plenary – ${user.displayName}`);
  }

  private async render(principal: Principal, summitIds: string[], name: string): Promise<string> {
    const summits = summitIds.length ? await this.summits.find({ where: { id: In(summitIds) } }) : [];
    const sessions: CalendarSession[] = [];
    for (const summit of summits) {
      const ctx = await this.access.context(principal, summit.id);
      if (!ctx) continue;
      const rows = await this.sessions.find({ where: { summitId: summit.id }, order: { startsAt: 'ASC' } });
      for (const s of rows.filter((row) => canSeeSession(ctx, row))) {
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
