import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { DomainError, ErrorCode, newId } from '@plenary/common';
import { DirectoryService, OrganisationKind, OrganisationsService } from '@plenary/identity';
import { DataSource, Repository } from 'typeorm';
import type { SummitContext } from '../access/summit-context';
import { LiveEventsService } from '../live/live-events.service';
import { SummitSession } from '../sessions/session.entity';
import { SpeakerEntryRecord } from './speaker-entry.entity';
import * as speakers from './speakers-queue';
import { RequestFloorDto, SpeakersListDto, toSpeakersListDto } from './speakers-list.dto';
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
    const waiting = await this.entries.exists({ where: { sessionId, organisationId: dto.organisationId, kind: dto.kind, status: 'waiting' } });
    if (waiting) throw new DomainError(ErrorCode.Conflict, 'This delegation is already on the list');
    await this.entries.insert({
      id: newId(),
      sessionId,
      organisationId: dto.organisationId,
      userId: ctx.principal.userId,
      kind: dto.kind,
      status: 'waiting',
      requestedAt: new Date(),
      protocolRank: PROTOCOL_RANK[organisation.kind],
      allottedSeconds: dto.kind === 'speech' ? session.speechSeconds : null,
      usedSeconds: 0,
      runningSince: null,
      startedAt: null,
      endedAt: null,
    });
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

  private async apply(session: SummitSession, operation: Operation): Promise<SpeakersListDto> {
    const after = await this.dataSource.transaction(async (m) => {
      const repo = m.getRepository(SpeakerEntryRecord);
      const entries = await repo.find({ where: { sessionId: session.id } });
      let changed: speakers.SpeakerEntry[];
      try {
        changed = operation(entries, policyOf(session), new Date());
      } catch (error) {
        if (error instanceof speakers.SpeakersListError) {
          throw new DomainError(error.code === 'NOT_FOUND' ? ErrorCode.NotFound : SummitErrorCode.SpeakersList, error.message, {}, { reason: error.code });
        }
        throw error;
      }
      for (const entry of changed) {
        await repo.update(
          { id: entry.id },
          { status: entry.status, usedSeconds: entry.usedSeconds, runningSince: entry.runningSince, startedAt: entry.startedAt, endedAt: entry.endedAt },
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
    const ids = [...new Set(entries.map((e) => e.organisationId))];
    const organisations = await this.directory.organisationsByIds(ids);
    const names = new Map(organisations.map((o) => [o.id, o.shortName]));
    return toSpeakersListDto(session, speakers.summary(entries, policyOf(session), new Date()), names);
  }
}

function policyOf(session: SummitSession): speakers.SpeakersPolicy {
  return { order: session.speakersOrder, delegationBudgetSeconds: session.delegationBudgetSeconds };
}
