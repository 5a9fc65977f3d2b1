import { Injectable, OnModuleInit } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { DomainError, ErrorCode, isTimeZone, Locale, localeOr, newId } from '@plenary/common';
import { AccessChanges, DirectoryService } from '@plenary/identity';
import { MailerService, renderMail } from '@plenary/mail';
import { Brackets, DataSource, EntityManager, In, Repository } from 'typeorm';
import type { SummitContext } from '../access/summit-context';
import { SummitMember } from '../access/summit-member.entity';
import { SummitScopes } from '../access/summit-scopes.registry';
import { ParticipationService } from '../participation/participation.service';
import { Conflict, findConflicts } from '../schedule/conflicts';
import { ScheduleChange, ScheduleChangeKind } from '../schedule/schedule-change.entity';
import { SCHEDULE_CHANGE_MAIL } from '../schedule/schedule-mails';
import { assertChronology } from '../summits/summits.service';
import { Summit } from '../summits/summit.entity';
import { CreateSessionDto, RescheduleDto, StatusChangeDto, UpdateSessionDto } from './session.dto';
import { SessionKind, SessionStatus, SummitSession } from './session.entity';
import { SummitErrorCode } from '../summits.errors';
import type { AgendaChange } from '../contracts/live-events';
import { LiveEventsService } from '../live/live-events.service';
import { summitRooms } from '../live/summit-rooms';
import { RoomsService } from '../rooms/rooms.service';
import { buildAgenda } from './agenda';
import { renderAgendaPdf } from './agenda-pdf';
import { AgendaCache, KeptAgenda, raiseAgendaRevision } from './agenda-cache';

export interface SessionWrite {
  session: SummitSession;
  warnings: Conflict[];
}

/** A session the caller may see: bilaterals only to the host side and the delegations invited. */
export function canSeeSession(ctx: Pick<SummitContext, 'isHost' | 'organisationIds'>, session: SummitSession): boolean {
  if (ctx.isHost || session.kind !== SessionKind.Bilateral || session.organisationIds.length === 0) return true;
  return session.organisationIds.some((id) => ctx.organisationIds.includes(id));
}

/**
 * The agenda. Callers come with their context in the summit and, for a
 * session, the session, both checked at the route (`@SummitAccess()`, whose
 * `session` kind this registers); host-only steps are declared there too.
 */
@Injectable()
export class SessionsService implements OnModuleInit {
  constructor(
    @InjectRepository(SummitSession) private readonly sessions: Repository<SummitSession>,
    @InjectRepository(ScheduleChange) private readonly changes: Repository<ScheduleChange>,
    private readonly dataSource: DataSource,
    private readonly scopes: SummitScopes,
    private readonly participation: ParticipationService,
    private readonly directory: DirectoryService,
    private readonly mailer: MailerService,
    private readonly live: LiveEventsService,
    private readonly accessChanges: AccessChanges,
    private readonly agendas: AgendaCache,
    private readonly rooms: RoomsService,
  ) {}

  /** `sessions/:id` routes: a session exists only for those who may see it (bilaterals for their parties and the host side). */
  onModuleInit(): void {
    this.scopes.register<SummitSession>('session', 'sessions', {
      find: async (id) => {
        const session = await this.find(id);
        return session && { summitId: session.summitId, resource: session };
      },
      visibleTo: (ctx, session) => canSeeSession(ctx, session),
      notFound: () => new DomainError(SummitErrorCode.SessionNotFound, 'No such session'),
    });
  }

  /** A session, without any access check: for the server's own use after one. */
  find(id: string): Promise<SummitSession | null> {
    return this.sessions.findOne({ where: { id } });
  }

  /** Sessions by id, those that exist, without any access check. */
  findMany(ids: readonly string[]): Promise<SummitSession[]> {
    return ids.length ? this.sessions.find({ where: { id: In([...new Set(ids)]) } }) : Promise.resolve([]);
  }

  /** Every session of a summit, without any access check. */
  sessionsOf(summitId: string): Promise<SummitSession[]> {
    return this.sessions.find({ where: { summitId } });
  }

  /**
   * The sessions the caller may see, in order. The database leaves out the
   * bilaterals of other delegations (in a summit of 60 delegations, two
   * thirds of the agenda), read and converted for nothing otherwise;
   * `canSeeSession` still has the last word.
   */
  async list(ctx: SummitContext): Promise<SummitSession[]> {
    const query = this.sessions
      .createQueryBuilder('session')
      .where('session.summitId = :summitId', { summitId: ctx.summit.id })
      .orderBy('session.startsAt', 'ASC')
      .addOrderBy('session.title', 'ASC');
    if (!ctx.isHost) {
      query.andWhere(
        new Brackets((visible) => {
          visible.where('session.kind != :bilateral', { bilateral: SessionKind.Bilateral }).orWhere("session.organisationIds = '[]'");
          // The ids are stored as a JSON array of UUIDs, which hold no LIKE wildcard.
          ctx.organisationIds.forEach((id, i) => visible.orWhere(`session.organisationIds LIKE :party${i}`, { [`party${i}`]: `%"${id}"%` }));
        }),
      );
    }
    return (await query.getMany()).filter((s) => canSeeSession(ctx, s));
  }

  /** For the host side. */
  async create(ctx: SummitContext, dto: CreateSessionDto): Promise<SessionWrite> {
    const summitId = ctx.summit.id;
    assertChronology(dto.startsAt, dto.endsAt);
    const session = this.sessions.create({
      id: newId(),
      summitId,
      kind: dto.kind,
      title: dto.title,
      titleFr: dto.titleFr ?? null,
      description: dto.description ?? '',
      startsAt: dto.startsAt,
      endsAt: dto.endsAt,
      room: dto.room ?? null,
      roomId: null,
      status: SessionStatus.Scheduled,
      sequence: 0,
      chairIds: dto.chairIds ?? [],
      organisationIds: dto.organisationIds ?? [],
      documents: dto.documents ?? [],
      videoRoomId: `session-${newId()}`,
      speakersOrder: dto.speakersOrder ?? 'request_time',
      speechSeconds: dto.speechSeconds ?? null,
      delegationBudgetSeconds: dto.delegationBudgetSeconds ?? null,
    });
    await this.placeInRoom(ctx, session, dto);
    this.checkBilateral(session);
    const warnings = await this.conflicts(ctx.summit, session, dto.override);
    await this.save(session);
    this.announce(session, 'created');
    return { session, warnings };
  }

  /** For the host side. */
  async update(ctx: SummitContext, session: SummitSession, dto: UpdateSessionDto): Promise<SessionWrite> {
    const { override, room, roomId, ...fields } = dto;
    const audienceBefore = summitRooms.audienceOf(session).join();
    Object.assign(session, Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined)));
    await this.placeInRoom(ctx, session, { room, roomId });
    this.checkBilateral(session);
    const warnings = await this.conflicts(ctx.summit, session, override);
    await this.save(session);
    // A bilateral with other parties, or no longer a bilateral: those following its channel are checked again.
    if (summitRooms.audienceOf(session).join() !== audienceBefore) this.accessChanges.publish({ kind: 'summit', summitId: session.summitId });
    this.announce(session, 'updated');
    return { session, warnings };
  }

  async reschedule(ctx: SummitContext, session: SummitSession, dto: RescheduleDto): Promise<SessionWrite> {
    return this.changeSchedule(ctx, session, ScheduleChangeKind.Rescheduled, dto, (s) => {
      if (s.status === SessionStatus.Cancelled) throw new DomainError(SummitErrorCode.InvalidTransition, 'Reinstate a cancelled session before moving it');
      s.status = SessionStatus.Scheduled;
    });
  }

  async postpone(ctx: SummitContext, session: SummitSession, dto: StatusChangeDto): Promise<SessionWrite> {
    return this.changeSchedule(ctx, session, ScheduleChangeKind.Postponed, dto, (s) => {
      if (s.status !== SessionStatus.Scheduled) throw new DomainError(SummitErrorCode.InvalidTransition, `A ${s.status} session cannot be postponed`);
      s.status = SessionStatus.Postponed;
    });
  }

  async cancel(ctx: SummitContext, session: SummitSession, dto: StatusChangeDto): Promise<SessionWrite> {
    return this.changeSchedule(ctx, session, ScheduleChangeKind.Cancelled, dto, (s) => {
      if (s.status === SessionStatus.Cancelled) throw new DomainError(SummitErrorCode.InvalidTransition, 'The session is already cancelled');
      s.status = SessionStatus.Cancelled;
    });
  }

  async reinstate(ctx: SummitContext, session: SummitSession, dto: StatusChangeDto): Promise<SessionWrite> {
    return this.changeSchedule(ctx, session, ScheduleChangeKind.Reinstated, dto, (s) => {
      if (s.status === SessionStatus.Scheduled) throw new DomainError(SummitErrorCode.InvalidTransition, 'The session is already scheduled');
      s.status = SessionStatus.Scheduled;
    });
  }

  history(session: SummitSession): Promise<ScheduleChange[]> {
    return this.changes.find({ where: { sessionId: session.id }, order: { createdAt: 'ASC' } });
  }

  /**
   * The agenda grouped by local day in the summit's zone, the viewer's (read
   * only when asked for) or a given one. Built once per audience and zone
   * while the summit's agenda does not change (`AgendaCache`).
   */
  async agenda(ctx: SummitContext, zone: string | undefined): Promise<KeptAgenda> {
    const timeZone = !zone || zone === 'summit' ? ctx.summit.timeZone : zone === 'viewer' ? await this.viewerZone(ctx) : zone;
    if (!isTimeZone(timeZone)) throw new DomainError(ErrorCode.ValidationFailed, 'zone must be summit, viewer or an IANA time zone');
    const audience = ctx.isHost ? ({ kind: 'host' } as const) : ({ kind: 'delegations', organisationIds: ctx.organisationIds } as const);
    return this.agendas.get(ctx.summit, audience, timeZone, async () => buildAgenda(await this.agendaInputs(ctx.summit, await this.list(ctx)), timeZone));
  }

  /** What an agenda is built from, besides the sessions the reader sees: the rooms, their history, who takes part. */
  private async agendaInputs(summit: Summit, sessions: SummitSession[]) {
    const ids = sessions.map((s) => s.id);
    const [rooms, changes, participatingOrganisationIds] = await Promise.all([
      this.rooms.list(summit.id),
      ids.length ? this.changes.find({ where: { sessionId: In(ids) }, order: { createdAt: 'ASC' } }) : Promise.resolve([]),
      this.participation.participatingOrganisationIds(summit.id),
    ]);
    return { sessions, rooms, changes, summit, participatingOrganisationIds };
  }

  /**
   * Puts the session in a room of its summit (`roomId`, whose name it then
   * carries as `room`), or gives it a free-text track (`room`), or neither.
   */
  private async placeInRoom(ctx: SummitContext, session: SummitSession, dto: Pick<UpdateSessionDto, 'room' | 'roomId'>): Promise<void> {
    if (dto.roomId) {
      const room = await this.rooms.get(ctx.summit.id, dto.roomId);
      session.roomId = room.id;
      session.room = room.name;
    } else if (dto.roomId === null) {
      session.roomId = null;
      session.room = dto.room ?? null;
    } else if (dto.room !== undefined) {
      session.roomId = null;
      session.room = dto.room;
    }
  }

  /** The agenda as a PDF, in `lang` or the reader's own language. */
  async agendaPdf(ctx: SummitContext, zone: string | undefined, lang: Locale | undefined): Promise<Buffer> {
    const kept = await this.agenda(ctx, zone);
    const locale = lang ?? localeOr((await this.directory.user(ctx.principal.userId))?.locale);
    return renderAgendaPdf(kept.agenda, ctx.summit.title, locale);
  }

  private async viewerZone(ctx: SummitContext): Promise<string> {
    const viewer = await this.directory.user(ctx.principal.userId);
    if (!viewer) throw new DomainError(ErrorCode.Unauthenticated, 'Sign in to continue');
    return viewer.timeZone;
  }

  async publicAgenda(summit: Summit): Promise<KeptAgenda> {
    return this.agendas.get(summit, { kind: 'public' }, summit.timeZone, async () => {
      const sessions = await this.sessions.find({ where: { summitId: summit.id }, order: { startsAt: 'ASC', title: 'ASC' } });
      return buildAgenda(await this.agendaInputs(summit, sessions.filter((s) => s.kind !== SessionKind.Bilateral)), summit.timeZone);
    });
  }

  /** Saves a session and raises its summit's agenda revision, together. */
  private async save(session: SummitSession): Promise<void> {
    await this.dataSource.transaction(async (m) => {
      await m.getRepository(SummitSession).save(session);
      await raiseAgendaRevision(m, session.summitId);
    });
  }

  private async changeSchedule(
    ctx: SummitContext,
    session: SummitSession,
    kind: ScheduleChangeKind,
    dto: { startsAt?: Date; endsAt?: Date; reason: string; override?: boolean },
    apply: (session: SummitSession) => void,
  ): Promise<SessionWrite> {
    const from = { startsAt: session.startsAt, endsAt: session.endsAt };
    apply(session);
    if (dto.startsAt || dto.endsAt) {
      session.startsAt = dto.startsAt ?? session.startsAt;
      session.endsAt = dto.endsAt ?? session.endsAt;
      assertChronology(session.startsAt, session.endsAt);
    }
    const warnings = await this.conflicts(ctx.summit, session, dto.override);
    session.sequence += 1;
    await this.dataSource.transaction(async (m) => {
      await m.getRepository(SummitSession).save(session);
      await raiseAgendaRevision(m, session.summitId);
      await m.getRepository(ScheduleChange).insert({
        id: newId(),
        sessionId: session.id,
        kind,
        fromStartsAt: from.startsAt,
        fromEndsAt: from.endsAt,
        toStartsAt: session.startsAt,
        toEndsAt: session.endsAt,
        reason: dto.reason,
        changedById: ctx.principal.userId,
        createdAt: new Date(),
      });
      await this.notify(m, ctx.summit, session, kind, dto.reason);
    });
    await this.mailer.deliverPending();
    this.announce(session, kind);
    return { session, warnings };
  }

  /** Pushes the change to everyone following the summit's agenda live who may see the session. */
  private announce(session: SummitSession, change: AgendaChange): void {
    this.live.agendaChanged(session, change);
  }

  /** Mails everyone concerned, each in their language and time zone: the chairs and the named delegates of the organisations expected at the session. */
  private async notify(m: EntityManager, summit: Summit, session: SummitSession, kind: ScheduleChangeKind, reason: string): Promise<void> {
    const members = await m.getRepository(SummitMember).find({ where: { summitId: summit.id } });
    const expected = new Set(session.organisationIds);
    const userIds = new Set([
      ...session.chairIds,
      ...members.filter((mb) => expected.size === 0 || (mb.organisationId !== null && expected.has(mb.organisationId))).map((mb) => mb.userId),
    ]);
    if (userIds.size === 0) return;
    const users = await this.directory.usersByIds([...userIds], m);
    for (const user of users) {
      const reader = { locale: localeOr(user.locale), timeZone: user.timeZone };
      const mail = renderMail(SCHEDULE_CHANGE_MAIL, user.email, reader, {
        summitTitle: summit.title,
        sessionTitle: session.title,
        kind,
        startsAt: session.startsAt,
        tentative: session.status === SessionStatus.Postponed,
        reason,
      });
      await this.mailer.enqueue(mail, m);
    }
  }

  private async conflicts(summit: Summit, session: SummitSession, override: boolean | undefined): Promise<Conflict[]> {
    const others = await this.sessions.find({ where: { summitId: summit.id } });
    const conflicts = findConflicts(session, others, summit, await this.participation.participatingOrganisationIds(summit.id));
    if (conflicts.length > 0 && !override) {
      throw new DomainError(SummitErrorCode.ScheduleConflict, 'The session conflicts with the schedule; save with override to keep it', {}, conflicts);
    }
    return conflicts;
  }

  private checkBilateral(session: SummitSession): void {
    if (session.kind === SessionKind.Bilateral && session.organisationIds.length !== 2) {
      throw new DomainError(ErrorCode.ValidationFailed, 'A bilateral invites exactly two organisations');
    }
  }
}
