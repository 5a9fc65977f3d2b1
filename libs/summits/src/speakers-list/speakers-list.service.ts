import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { DomainError, ErrorCode, newId } from '@plenary/common';
import { isUniqueViolation } from '@plenary/database';
import { DirectoryService, OrganisationKind, OrganisationsService } from '@plenary/identity';
import { DataSource, EntityManager, Repository } from 'typeorm';
import type { SummitContext } from '../access/summit-context';
import { LiveEventsService } from '../live/live-events.service';
import { SummitSession } from '../sessions/session.entity';
import { SpeakerEntryRecord } from './speaker-entry.entity';
import * as speakers from './speakers-queue';
import { ExtendSpeechDto, ReorderSpeakersDto, RequestFloorDto, SpeakersListDto, toSpeakersListDto } from './speakers-list.dto';
import { SummitErrorCode } from '../summits.errors';

/** Protocol precedence by the kind of organisation: states, then international organisations, companies, civil society. */
const PROTOCOL_RANK: Record<OrganisationKind, number> = {
  [OrganisationKind.State]: 1,
  [OrganisationKind.InternationalOrganisation]: 2,
  [OrganisationKind.Company]: 3,
  [OrganisationKind.CivilSociety]: 4,
};

type Operation = (entries: speakers.SpeakerEntry[], policy: speakers.SpeakersPolicy, now: Date) => speakers.SpeakerEntry[];

/**
 * Speakers lists: delegations ask for the floor, the session's host side runs
 * the list. Callers come with the session they may see and their context in
 * its summit, checked at the route; the chair's controls are declared there
 * for the host side.
 */
@Injectable()
export class SpeakersListService {
  constructor(
    @InjectRepository(SpeakerEntryRecord) private readonly entries: Repository<SpeakerEntryRecord>,
    private readonly organisations: OrganisationsService,
    private readonly directory: DirectoryService,
    private readonly dataSource: DataSource,
    private readonly live: LiveEventsService,
  ) {}

  async get(session: SummitSession): Promise<SpeakersListDto> {
    return this.describe(session, await this.load(session.id));
  }

  /** A delegation asks for the floor; its members may ask for it, the host side for anyone taking part. */
  async request(ctx: SummitContext, session: SummitSession, dto: RequestFloorDto): Promise<SpeakersListDto> {
    const sessionId = session.id;
    if (!ctx.isHost && !ctx.organisationIds.includes(dto.organisationId)) {
      throw new DomainError(ErrorCode.Forbidden, 'You may ask for the floor for your own delegation only');
    }
    const organisation = await this.organisations.get(dto.organisationId);
    const alreadyListed = () =>
      new DomainError(SummitErrorCode.SpeakerAlreadyListed, dto.kind === 'speech' ? 'This delegation is already waiting to speak' : 'This delegation has already raised a point of order', {}, {
        organisationId: dto.organisationId,
        kind: dto.kind,
      });
    const waiting = await this.entries.exists({ where: { sessionId, organisationId: dto.organisationId, kind: dto.kind, status: 'waiting' } });
    if (waiting) throw alreadyListed();
    try {
      await this.entries.insert({
        id: newId(),
        sessionId,
        organisationId: dto.organisationId,
        // The host side may put another delegation on the list: then nobody of it is named yet.
        userId: ctx.organisationIds.includes(dto.organisationId) ? ctx.principal.userId : null,
        kind: dto.kind,
        status: 'waiting',
        requestedAt: new Date(),
        protocolRank: PROTOCOL_RANK[organisation.kind],
        allottedSeconds: dto.kind === 'speech' ? session.speechSeconds : null,
        extendedSeconds: 0,
        position: null,
        usedSeconds: 0,
        runningSince: null,
        startedAt: null,
        endedAt: null,
      });
    } catch (error) {
      // Two requests at once both passed the check above: the unique index of waiting requests keeps one.
      if (isUniqueViolation(error)) throw alreadyListed();
      throw error;
    }
    return this.announce(session, await this.describe(session, await this.load(sessionId)));
  }

  /** Withdraws a waiting entry: the host side, or the delegation itself. */
  async withdraw(ctx: SummitContext, session: SummitSession, entryId: string): Promise<SpeakersListDto> {
    const entry = await this.entries.findOne({ where: { id: entryId, sessionId: session.id } });
    if (!entry) throw new DomainError(ErrorCode.NotFound, 'No such entry on this list');
    if (!ctx.isHost && !ctx.organisationIds.includes(entry.organisationId)) {
      throw new DomainError(ErrorCode.Forbidden, 'Only the chair or the delegation may withdraw this request');
    }
    return this.apply(session, (entries, _policy, now) => speakers.withdraw(entries, entryId, now));
  }

  /** The chair's controls, for the host side. */
  async control(session: SummitSession, action: 'next' | 'pause' | 'resume' | 'end' | { start: string }): Promise<SpeakersListDto> {
    const operation: Operation =
      typeof action === 'object'
        ? (entries, policy, now) => speakers.start(entries, action.start, policy, now)
        : action === 'next'
          ? speakers.next
          : action === 'pause'
            ? (entries, _policy, now) => speakers.pause(entries, now)
            : action === 'resume'
              ? (entries, _policy, now) => speakers.resume(entries, now)
              : (entries, _policy, now) => speakers.end(entries, now);
    return this.apply(session, operation);
  }

  /** The chair puts the waiting entries in a new order, as they saw the list. */
  reorder(session: SummitSession, dto: ReorderSpeakersDto): Promise<SpeakersListDto> {
    return this.apply(session, (entries, policy) => speakers.reorder(entries, dto.expected, dto.order, policy));
  }

  /** The chair gives the speaker holding the floor more time. */
  extend(session: SummitSession, entryId: string, dto: ExtendSpeechDto): Promise<SpeakersListDto> {
    return this.apply(session, (entries, policy, now) => speakers.extend(entries, entryId, dto.extraSeconds, policy, now));
  }

  private async apply(session: SummitSession, operation: Operation): Promise<SpeakersListDto> {
    const after = await this.dataSource.transaction(async (m) => {
      await lockSession(m, session.id);
      const repo = m.getRepository(SpeakerEntryRecord);
      const entries = await repo.find({ where: { sessionId: session.id } });
      let changed: speakers.SpeakerEntry[];
      try {
        changed = operation(entries, policyOf(session), new Date());
      } catch (error) {
        if (error instanceof speakers.SpeakersListError) throw refusal(error);
        throw error;
      }
      for (const entry of changed) {
        await repo.update(
          { id: entry.id },
          {
            status: entry.status,
            usedSeconds: entry.usedSeconds,
            runningSince: entry.runningSince,
            startedAt: entry.startedAt,
            endedAt: entry.endedAt,
            extendedSeconds: entry.extendedSeconds,
            position: entry.position,
          },
        );
      }
      const byId = new Map(changed.map((c) => [c.id, c]));
      return entries.map((e) => ({ ...e, ...(byId.get(e.id) ?? {}) }));
    });
    return this.announce(session, await this.describe(session, after));
  }

  private announce(session: SummitSession, speakersList: SpeakersListDto): SpeakersListDto {
    this.live.speakersChanged(session, speakersList);
    return speakersList;
  }

  private load(sessionId: string): Promise<SpeakerEntryRecord[]> {
    return this.entries.find({ where: { sessionId } });
  }

  private async describe(session: SummitSession, entries: speakers.SpeakerEntry[]): Promise<SpeakersListDto> {
    const organisationIds = [...new Set(entries.map((e) => e.organisationId))];
    const userIds = [...new Set(entries.flatMap((e) => (e.userId ? [e.userId] : [])))];
    const [organisations, people] = await Promise.all([this.directory.organisationsByIds(organisationIds), this.directory.usersByIds(userIds)]);
    const names = { organisations: new Map(organisations.map((o) => [o.id, o.shortName])), people: new Map(people.map((p) => [p.id, p.displayName])) };
    return toSpeakersListDto(session, speakers.summary(entries, policyOf(session), new Date()), names);
  }
}

/**
 * Serialises the changes to one session's list on PostgreSQL, where two
 * chairs' moves could otherwise read the same list; SQLite runs one write
 * transaction at a time already.
 */
async function lockSession(manager: EntityManager, sessionId: string): Promise<void> {
  if (manager.connection.options.type !== 'postgres') return;
  await manager.query('SELECT id FROM summit_sessions WHERE id = $1 FOR UPDATE', [sessionId]);
}

function refusal(error: speakers.SpeakersListError): DomainError {
  switch (error.code) {
    case 'NOT_FOUND':
      return new DomainError(ErrorCode.NotFound, error.message);
    case 'STALE_ORDER':
      return new DomainError(SummitErrorCode.StaleOrder, error.message);
    case 'INVALID_ORDER':
      return new DomainError(ErrorCode.ValidationFailed, error.message, {}, { reason: error.code });
    default:
      return new DomainError(SummitErrorCode.SpeakersList, error.message, {}, { reason: error.code });
  }
}

function policyOf(session: SummitSession): speakers.SpeakersPolicy {
  return { order: session.speakersOrder, delegationBudgetSeconds: session.delegationBudgetSeconds };
}
