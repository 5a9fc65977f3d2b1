import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { DomainError, ErrorCode, newId } from '@plenary/common';
import { AccessChanges, DirectoryService, IdentityErrorCode, Membership, OrganisationsService, User } from '@plenary/identity';
import { In, Repository } from 'typeorm';
import { ACTIVE_PARTICIPATION, roleHolds, SummitContext } from '../access/summit-context';
import { SummitMember, SummitRole } from '../access/summit-member.entity';
import { AddParticipantDto, OrganisationPersonDto, ParticipantDto, SummitPersonDto, SetSummitMemberDto, SummitMemberDto, toParticipantDto, toSummitMemberDto, UpdateParticipantDto } from './participation.dto';
import { Participation, ParticipationStatus } from './participation.entity';

const DELEGATION_ROLES: readonly SummitRole[] = [SummitRole.HeadOfDelegation, SummitRole.Delegate];

/** Who takes part in a summit, as stored (see `ParticipationService.roster`). */
export interface SummitRoster {
  /** The delegations taking part (invited, confirmed, observer), described. */
  delegations: ParticipantDto[];
  /** The members of those delegations' organisations. */
  memberships: Membership[];
  /** The people named in the summit whose role holds. */
  named: SummitMember[];
  /** The enabled accounts of everyone above. */
  users: User[];
}

/**
 * Which organisations take part in a summit, and who attends in which role.
 * Callers come with their context in the summit, checked at the route
 * (`@SummitAccess()`); what only the host side may do is declared there too.
 */
@Injectable()
export class ParticipationService {
  constructor(
    @InjectRepository(Participation) private readonly participations: Repository<Participation>,
    @InjectRepository(SummitMember) private readonly members: Repository<SummitMember>,
    private readonly directory: DirectoryService,
    private readonly organisations: OrganisationsService,
    private readonly accessChanges: AccessChanges,
  ) {}

  async list(ctx: SummitContext): Promise<ParticipantDto[]> {
    return this.describe(await this.participations.find({ where: { summitId: ctx.summit.id } }));
  }

  /** For the host side. */
  async add(ctx: SummitContext, dto: AddParticipantDto): Promise<ParticipantDto> {
    const summitId = ctx.summit.id;
    const organisation = await this.organisations.get(dto.organisationId);
    if (await this.participations.exists({ where: { summitId, organisationId: dto.organisationId } })) {
      throw new DomainError(ErrorCode.Conflict, 'This organisation already takes part in this summit');
    }
    const status = dto.status ?? ParticipationStatus.Invited;
    const participation = await this.participations.save(
      this.participations.create({
        id: newId(),
        summitId,
        organisationId: organisation.id,
        status,
        timeZone: dto.timeZone,
        joinedAt: dto.joinedAt ?? (joins(status) ? new Date() : null),
      }),
    );
    this.accessChanges.publish({ kind: 'summit', summitId });
    return toParticipantDto(participation, organisation);
  }

  /**
   * For the host side. Status changes keep the joining date of the first
   * confirmation: a later accession is recorded with its own date. A
   * delegation that declines or withdraws takes its people, named ones
   * included, out of the summit at once: live connections are checked again.
   */
  async update(ctx: SummitContext, organisationId: string, dto: UpdateParticipantDto): Promise<ParticipantDto> {
    const summitId = ctx.summit.id;
    const participation = await this.participations.findOne({ where: { summitId, organisationId } });
    if (!participation) throw new DomainError(ErrorCode.NotFound, 'This organisation does not take part in this summit');
    if (dto.status !== undefined) {
      if (joins(dto.status) && participation.joinedAt === null) participation.joinedAt = dto.joinedAt ?? new Date();
      participation.status = dto.status;
    }
    if (dto.timeZone !== undefined) participation.timeZone = dto.timeZone;
    if (dto.joinedAt !== undefined) participation.joinedAt = dto.joinedAt;
    await this.participations.save(participation);
    this.accessChanges.publish({ kind: 'summit', summitId });
    return toParticipantDto(participation, await this.organisations.get(organisationId));
  }

  async confirmedDelegations(summitId: string): Promise<{ organisationId: string; name: string; timeZone: string }[]> {
    const confirmed = await this.participations.find({ where: { summitId, status: ParticipationStatus.Confirmed } });
    const described = await this.describe(confirmed);
    return described.map((d) => ({ organisationId: d.organisationId, name: d.shortName, timeZone: d.timeZone }));
  }

  /** Organisations expected at the summit's sessions: invited or confirmed. */
  async participatingOrganisationIds(summitId: string): Promise<string[]> {
    const rows = await this.participations.find({ where: { summitId, status: In([ParticipationStatus.Invited, ParticipationStatus.Confirmed]) } });
    return rows.map((r) => r.organisationId);
  }

  /** Organisations whose people see the summit (invited, confirmed, observer): each has its delegation in it. */
  async activeOrganisationIds(summitId: string): Promise<string[]> {
    return (await this.participations.find({ where: { summitId, status: In([...ACTIVE_PARTICIPATION]) }, select: { id: true, organisationId: true } })).map((p) => p.organisationId);
  }

  /** The people of a participating organisation, with their addresses, for the host side naming its delegation. */
  async organisationPeople(ctx: SummitContext, organisationId: string): Promise<OrganisationPersonDto[]> {
    if (!(await this.participations.exists({ where: { summitId: ctx.summit.id, organisationId } }))) {
      throw new DomainError(ErrorCode.NotFound, 'This organisation does not take part in this summit');
    }
    const memberships = await this.organisations.members(organisationId);
    return memberships
      .filter((m) => m.user && !m.user.disabledAt)
      .map((m) => ({ userId: m.userId, email: m.user!.email, displayName: m.user!.displayName, delegationRole: m.delegationRole }));
  }

  /** An organisation's participation while it gives its people sight of the summit (invited, confirmed, observer), or null. */
  activeParticipation(summitId: string, organisationId: string): Promise<Participation | null> {
    return this.participations.findOne({ where: { summitId, organisationId, status: In([...ACTIVE_PARTICIPATION]) } });
  }

  /**
   * Who takes part, as stored: the delegations taking part, their members,
   * the people named in the summit whose role holds, and the enabled
   * accounts of all of them, in a fixed number of queries.
   */
  async roster(summitId: string): Promise<SummitRoster> {
    const [active, named] = await Promise.all([
      this.participations.find({ where: { summitId, status: In([...ACTIVE_PARTICIPATION]) } }),
      this.members.find({ where: { summitId } }),
    ]);
    const taking = active.map((p) => p.organisationId);
    const memberships = await this.directory.membersOf(taking);
    const namedMemberships = await this.directory.membershipsOf(named.filter((m) => m.organisationId).map((m) => m.userId));
    const takingPart = new Set(taking);
    const holding = named.filter((m) => roleHolds(m, namedMemberships.filter((x) => x.userId === m.userId).map((x) => x.organisationId), takingPart));
    const users = (await this.directory.usersByIds([...memberships.map((m) => m.userId), ...holding.map((m) => m.userId)])).filter((u) => !u.disabledAt);
    return { delegations: await this.describe(active), memberships, named: holding, users };
  }

  /**
   * Everyone taking part, for any participant to find a person (to write to
   * them, to mention them): the people named in the summit whose role holds
   * and the members of the delegations taking part, without e-mail addresses.
   */
  async people(ctx: SummitContext): Promise<SummitPersonDto[]> {
    const { memberships, named, users } = await this.roster(ctx.summit.id);
    return users
      .map((user) => ({
        userId: user.id,
        displayName: user.displayName,
        organisationIds: memberships.filter((m) => m.userId === user.id).map((m) => m.organisationId),
        role: named.find((m) => m.userId === user.id)?.role ?? null,
      }))
      .sort((a, b) => a.displayName.localeCompare(b.displayName));
  }

  /** The people named in the summit; their addresses for the host side only. */
  async listMembers(ctx: SummitContext): Promise<SummitMemberDto[]> {
    const members = await this.members.find({ where: { summitId: ctx.summit.id }, order: { createdAt: 'ASC' } });
    const byId = new Map((await this.directory.usersByIds(members.map((m) => m.userId))).map((u) => [u.id, u]));
    return members.filter((m) => byId.has(m.userId)).map((m) => toSummitMemberDto(m, byId.get(m.userId)!, ctx.isHost));
  }

  /** For the host side: names a person's role in the summit; delegation roles need a participating organisation the person belongs to. */
  async setMember(ctx: SummitContext, userId: string, dto: SetSummitMemberDto): Promise<SummitMemberDto> {
    const summitId = ctx.summit.id;
    const user = await this.directory.user(userId);
    if (!user) throw new DomainError(IdentityErrorCode.UserNotFound, 'No such user');
    const organisationId = dto.organisationId ?? null;
    if (DELEGATION_ROLES.includes(dto.role) && !organisationId) {
      throw new DomainError(ErrorCode.ValidationFailed, 'organisationId is required for a head of delegation or a delegate');
    }
    if (organisationId) {
      if (!(await this.directory.isMember(userId, organisationId))) {
        throw new DomainError(ErrorCode.ValidationFailed, 'This person is not a member of that organisation');
      }
      if (!(await this.participations.exists({ where: { summitId, organisationId } }))) {
        throw new DomainError(ErrorCode.ValidationFailed, 'That organisation does not take part in this summit');
      }
    }
    let member = await this.members.findOne({ where: { summitId, userId } });
    member ??= this.members.create({ id: newId(), summitId, userId, createdAt: new Date() });
    Object.assign(member, { role: dto.role, organisationId, isProxy: dto.isProxy ?? false });
    await this.members.save(member);
    this.accessChanges.publish({ kind: 'person', userId });
    return toSummitMemberDto(member, user, ctx.isHost);
  }

  /** For the host side. */
  async removeMember(ctx: SummitContext, userId: string): Promise<void> {
    const result = await this.members.delete({ summitId: ctx.summit.id, userId });
    if (!result.affected) throw new DomainError(ErrorCode.NotFound, 'This person has no role in this summit');
    this.accessChanges.publish({ kind: 'person', userId });
  }

  private async describe(participations: Participation[]): Promise<ParticipantDto[]> {
    if (participations.length === 0) return [];
    const byId = new Map((await this.directory.organisationsByIds(participations.map((p) => p.organisationId))).map((o) => [o.id, o]));
    return participations
      .map((p) => toParticipantDto(p, byId.get(p.organisationId)!))
      .sort((a, b) => a.kind.localeCompare(b.kind) || a.name.localeCompare(b.name));
  }
}

function joins(status: ParticipationStatus): boolean {
  return status === ParticipationStatus.Confirmed || status === ParticipationStatus.Observer;
}
