import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { DomainError, ErrorCode, newId } from '@plenary/common';
import { AccessChanges, OrganisationsService, Principal } from '@plenary/identity';
import { Repository } from 'typeorm';
import { SummitAccessService } from '../access/summit-access.service';
import type { SummitContext } from '../access/summit-context';
import type { CreateSummitDto, UpdateSummitDto } from './summit.dto';
import { Summit, SummitStatus, Visibility } from './summit.entity';
import { SummitErrorCode } from '../summits.errors';

/** The steps a summit may take from each status; every other change is refused. */
const TRANSITIONS: Record<SummitStatus, readonly SummitStatus[]> = {
  [SummitStatus.Draft]: [SummitStatus.Announced, SummitStatus.Cancelled],
  [SummitStatus.Announced]: [SummitStatus.Live, SummitStatus.Cancelled, SummitStatus.Draft],
  [SummitStatus.Live]: [SummitStatus.Concluded],
  [SummitStatus.Concluded]: [],
  [SummitStatus.Cancelled]: [],
};

/** The statuses the caller may move the summit to now: none unless they are on its host side. */
export function nextSummitStatuses(summit: Summit, isHost: boolean): SummitStatus[] {
  return isHost ? [...TRANSITIONS[summit.status]] : [];
}

export function assertChronology(startsAt: Date, endsAt: Date): void {
  if (endsAt.getTime() <= startsAt.getTime()) throw new DomainError(ErrorCode.ValidationFailed, 'endsAt must be after startsAt');
}

@Injectable()
export class SummitsService {
  constructor(
    @InjectRepository(Summit) private readonly summits: Repository<Summit>,
    private readonly access: SummitAccessService,
    private readonly organisations: OrganisationsService,
    private readonly accessChanges: AccessChanges,
  ) {}

  async create(dto: CreateSummitDto): Promise<Summit> {
    assertChronology(dto.startsAt, dto.endsAt);
    await this.organisations.get(dto.hostOrganisationId);
    const summit = this.summits.create({
      id: newId(),
      title: dto.title,
      description: dto.description ?? '',
      hostOrganisationId: dto.hostOrganisationId,
      timeZone: dto.timeZone,
      startsAt: dto.startsAt,
      endsAt: dto.endsAt,
      status: SummitStatus.Draft,
      agendaVisibility: dto.agendaVisibility ?? Visibility.Participants,
      outcomeVisibility: dto.outcomeVisibility ?? Visibility.Participants,
    });
    return this.summits.save(summit);
  }

  /** Every summit the caller may read, in the order of their start. */
  list(principal: Principal): Promise<SummitContext[]> {
    return this.access.readable(principal);
  }

  /** For the host side. */
  async update(ctx: SummitContext, dto: UpdateSummitDto): Promise<SummitContext> {
    const summit = ctx.summit;
    Object.assign(summit, Object.fromEntries(Object.entries(dto).filter(([, v]) => v !== undefined)));
    assertChronology(summit.startsAt, summit.endsAt);
    await this.summits.save(summit);
    return ctx;
  }

  /** For the host side. */
  async changeStatus(ctx: SummitContext, status: SummitStatus): Promise<SummitContext> {
    const summitId = ctx.summit.id;
    if (ctx.summit.status !== status) {
      if (!TRANSITIONS[ctx.summit.status].includes(status)) {
        throw new DomainError(SummitErrorCode.InvalidTransition, `A ${ctx.summit.status} summit cannot become ${status}`);
      }
      ctx.summit.status = status;
      await this.summits.save(ctx.summit);
      // Back to draft hides the summit from all but its host side.
      this.accessChanges.publish({ kind: 'summit', summitId });
    }
    return ctx;
  }

  /** A summit whose agenda anonymous readers may see, or a 404. */
  async publicSummit(summitId: string): Promise<Summit> {
    const summit = await this.summits.findOne({ where: { id: summitId } });
    if (!summit || summit.agendaVisibility !== Visibility.Public || summit.status === SummitStatus.Draft) {
      throw new DomainError(SummitErrorCode.SummitNotFound, 'No such summit');
    }
    return summit;
  }

  async listPublic(): Promise<Summit[]> {
    const summits = await this.summits.find({ where: { agendaVisibility: Visibility.Public }, order: { startsAt: 'ASC' } });
    return summits.filter((s) => s.status !== SummitStatus.Draft);
  }
}
