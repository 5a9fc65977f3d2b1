import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { DomainError, ErrorCode, newId } from '@plenary/common';
import { AccessChanges, Membership, Organisation, OrganisationsService, Principal, User } from '@plenary/identity';
import { In, Repository } from 'typeorm';
import { ACTIVE_PARTICIPATION, SummitAccessService } from '../access/summit-access.service';
import { SummitMember, SummitRole } from '../access/summit-member.entity';
import { AddParticipantDto, OrganisationPersonDto, ParticipantDto, SummitPersonDto, SetSummitMemberDto, SummitMemberDto, toParticipantDto, toSummitMemberDto, UpdateParticipantDto } from './participation.dto';
import { Participation, ParticipationStatus } from './participation.entity';
import { IdentityErrorCode } from '@plenary/identity';

const DELEGATION_ROLES: readonly SummitRole[] = [SummitRole.HeadOfDelegation, SummitRole.Delegate];

/** Which organisations take part in a summit, and who attends in which role. */
@Injectable()
export class ParticipationService {
  constructor(
    @InjectRepository(Participation) private readonly participations: Repository<Participation>,
    @InjectRepository(SummitMember) private readonly members: Repository<SummitMember>,
    @InjectRepository(Membership) private readonly memberships: Repository<Membership>,
    @InjectRepository(Organisation) private readonly organisationRepo: Repository<Organisation>,
    @InjectRepository(User) private readonly users: Repository<User>,
    private readonly organisations: OrganisationsService,
    private readonly access: SummitAccessService,
    private readonly accessChanges: AccessChanges,
  ) {}

  async list(principal: Principal, summitId: string): Promise<ParticipantDto[]> {
    await this.access.read(principal, summitId);
    return this.describe(await this.participations.find({ where: { summitId } }));
  }

  async add(principal: Principal, summitId: string, dto: AddParticipantDto): Promise<ParticipantDto> {
    await this.access.host(principal, summitId);
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

  /** Status changes keep the joining date of the first confirmation: a later accession is recorded with its own date. */
  async update(principal: Principal, summitId: string, organisationId: string, dto: UpdateParticipantDto): Promise<ParticipantDto> {
    await this.access.host(principal, summitId);
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

  async participatingOrganisationIds(summitId: string): Promise<string[]> {
    const rows = await this.participations.find({ where: { summitId, status: In([ParticipationStatus.Invited, ParticipationStatus.Confirmed]) } });
    return rows.map((r) => r.organisationId);
  }

  /** The people of a participating organisation, for the host side naming its delegation. */
  async organisationPeople(principal: Principal, summitId: string, organisationId: string): Promise<OrganisationPersonDto[]> {
    await this.access.host(principal, summitId);
    if (!(await this.participations.exists({ where: { summitId, organisationId } }))) {
      throw new DomainError(ErrorCode.NotFound, 'This organisation does not take part in this summit');
    }
    const memberships = await this.memberships.find({ where: { organisationId }, relations: { user: true }, order: { createdAt: 'ASC' } });
    return memberships
      .filter((m) => m.user && !m.user.disabledAt)
      .map((m) => ({ userId: m.userId, email: m.user!.email, displayName: m.user!.displayName, delegationRole: m.delegationRole }));
  }

  /**
   * Everyone taking part, for any participant to find a person (to write to
   * them, to mention them): the people named in the summit and the members
   * of the delegations taking part, without e-mail addresses.
   */
  async people(principal: Principal, summitId: string): Promise<SummitPersonDto[]> {
    await this.access.read(principal, summitId);
    const taking = (await this.participations.find({ where: { summitId, status: In([...ACTIVE_PARTICIPATION]) } })).map((p) => p.organisationId);
    const memberships = taking.length ? await this.memberships.find({ where: { organisationId: In(taking) } }) : [];
    const named = await this.members.find({ where: { summitId } });
    const userIds = [...new Set([...memberships.map((m) => m.userId), ...named.map((m) => m.userId)])];
    const users = userIds.length ? await this.users.find({ where: { id: In(userIds) } }) : [];
    return users
      .filter((user) => !user.disabledAt)
      .map((user) => ({
        userId: user.id,
        displayName: user.displayName,
        organisationIds: memberships.filter((m) => m.userId === user.id).map((m) => m.organisationId),
        role: named.find((m) => m.userId === user.id)?.role ?? null,
      }))
      .sort((a, b) => a.displayName.localeCompare(b.displayName));
  }

  async listMembers(principal: Principal, summitId: string): Promise<SummitMemberDto[]> {
    const ctx = await this.access.read(principal, summitId);
    const members = await this.members.find({ where: { summitId }, order: { createdAt: 'ASC' } });
    const users = await this.users.find({ where: { id: In(members.map((m) => m.userId)) } });
    const byId = new Map(users.map((u) => [u.id, u]));
    return members.filter((m) => byId.has(m.userId)).map((m) => toSummitMemberDto(m, byId.get(m.userId)!, ctx.isHost));
  }

  /** Names a person's role in the summit; delegation roles need a participating organisation the person belongs to. */
  async setMember(principal: Principal, summitId: string, userId: string, dto: SetSummitMemberDto): Promise<SummitMemberDto> {
    await this.access.host(principal, summitId);
    const user = await this.users.findOne({ where: { id: userId } });
    if (!user) throw new DomainError(IdentityErrorCode.UserNotFound, 'No such user');
    const organisationId = dto.organisationId ?? null;
    if (DELEGATION_ROLES.includes(dto.role) && !organisationId) {
      throw new DomainError(ErrorCode.ValidationFailed, 'organisationId is required for a head of delegation or a delegate');
    }
    if (organisationId) {
      if (!(await this.memberships.exists({ where: { userId, organisationId } }))) {
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
    return toSummitMemberDto(member, user, true);
  }

  async removeMember(principal: Principal, summitId: string, userId: string): Promise<void> {
    await this.access.host(principal, summitId);
    const result = await this.members.delete({ summitId, userId });
    if (!result.affected) throw new DomainError(ErrorCode.NotFound, 'This person has no role in this summit');
    this.accessChanges.publish({ kind: 'person', userId });
  }

  private async describe(participations: Participation[]): Promise<ParticipantDto[]> {
    if (participations.length === 0) return [];
    const organisations = await this.organisationRepo.find({ where: { id: In(participations.map((p) => p.organisationId)) } });
    const byId = new Map(organisations.map((o) => [o.id, o]));
    return participations
      .map((p) => toParticipantDto(p, byId.get(p.organisationId)!))
      .sort((a, b) => a.kind.localeCompare(b.kind) || a.name.localeCompare(b.name));
  }
}

function joins(status: ParticipationStatus): boolean {
  return status === ParticipationStatus.Confirmed || status === ParticipationStatus.Observer;
}
