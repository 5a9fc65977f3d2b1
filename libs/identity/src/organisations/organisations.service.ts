import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { DomainError, ErrorCode, newId } from '@plenary/common';
import { isForeignKeyViolation } from '@plenary/database';
import { DataSource, EntityManager, Repository } from 'typeorm';
import { AccessChanges } from '../access/access-changes';
import { AuditEventType } from '../audit/audit-event.entity';
import { AuditService } from '../audit/audit.service';
import type { Principal } from '../permissions/principal';
import { DelegationRole, Membership } from './membership.entity';
import { CreateOrganisationDto, ListOrganisationsQueryDto, UpdateOrganisationDto } from './organisation.dto';
import { Organisation, OrganisationKind } from './organisation.entity';
import { IdentityErrorCode } from '../identity.errors';

@Injectable()
export class OrganisationsService {
  constructor(
    @InjectRepository(Organisation) private readonly organisations: Repository<Organisation>,
    @InjectRepository(Membership) private readonly memberships: Repository<Membership>,
    private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly accessChanges: AccessChanges,
  ) {}

  list(query: ListOrganisationsQueryDto): Promise<Organisation[]> {
    return this.organisations.find({ where: query.kind ? { kind: query.kind } : {}, order: { name: 'ASC' } });
  }

  async get(id: string, manager?: EntityManager): Promise<Organisation> {
    const repo = manager ? manager.getRepository(Organisation) : this.organisations;
    const organisation = await repo.findOne({ where: { id } });
    if (!organisation) throw new DomainError(IdentityErrorCode.OrganisationNotFound, 'No such organisation');
    return organisation;
  }

  async create(actor: Principal | null, dto: CreateOrganisationDto, ip?: string): Promise<Organisation> {
    return this.dataSource.transaction(async (m) => {
      const repo = m.getRepository(Organisation);
      await this.assertNameFree(m, dto.name);
      const organisation = repo.create({
        id: newId(),
        kind: dto.kind,
        name: dto.name,
        shortName: dto.shortName,
        nameFr: dto.nameFr ?? null,
        shortNameFr: dto.shortNameFr ?? null,
        countryCode: dto.countryCode ?? null,
      });
      await repo.save(organisation);
      await this.audit.record(
        AuditEventType.OrganisationCreated,
        { actorId: actor?.userId, targetType: 'organisation', targetId: organisation.id, ip, details: { name: organisation.name, kind: organisation.kind } },
        m,
      );
      return organisation;
    });
  }

  async update(actor: Principal, id: string, dto: UpdateOrganisationDto, ip: string): Promise<Organisation> {
    return this.dataSource.transaction(async (m) => {
      const organisation = await this.get(id, m);
      if (dto.name !== undefined && dto.name !== organisation.name) {
        await this.assertNameFree(m, dto.name);
        organisation.name = dto.name;
      }
      if (dto.shortName !== undefined) organisation.shortName = dto.shortName;
      if (dto.nameFr !== undefined) organisation.nameFr = dto.nameFr;
      if (dto.shortNameFr !== undefined) organisation.shortNameFr = dto.shortNameFr;
      if (dto.countryCode !== undefined) {
        if (dto.countryCode === null && organisation.kind === OrganisationKind.State) {
          throw new DomainError(ErrorCode.ValidationFailed, 'A state needs a country code');
        }
        organisation.countryCode = dto.countryCode;
      }
      await m.getRepository(Organisation).save(organisation);
      await this.audit.record(
        AuditEventType.OrganisationUpdated,
        { actorId: actor.userId, targetType: 'organisation', targetId: id, ip, details: { ...dto } },
        m,
      );
      return organisation;
    });
  }

  /**
   * Only an organisation without members, and that nothing else refers to
   * (a summit it hosts or takes part in), can be deleted; its pending
   * invitations go with it.
   */
  async remove(actor: Principal, id: string, ip: string): Promise<void> {
    try {
      await this.dataSource.transaction(async (m) => {
        const organisation = await this.get(id, m);
        if ((await m.getRepository(Membership).count({ where: { organisationId: id } })) > 0) {
          throw new DomainError(IdentityErrorCode.OrganisationInUse, 'Remove the members of this organisation first');
        }
        await m.getRepository(Organisation).delete({ id });
        await this.audit.record(
          AuditEventType.OrganisationDeleted,
          { actorId: actor.userId, targetType: 'organisation', targetId: id, ip, details: { name: organisation.name } },
          m,
        );
      });
    } catch (error) {
      // The libs above keep their references (summits hosted, participations) with RESTRICT: the database says it is in use.
      if (isForeignKeyViolation(error)) throw new DomainError(IdentityErrorCode.OrganisationInUse, 'This organisation hosts or takes part in a summit');
      throw error;
    }
  }

  async members(id: string): Promise<Membership[]> {
    await this.get(id);
    return this.memberships.find({ where: { organisationId: id }, relations: { user: true }, order: { createdAt: 'ASC' } });
  }

  /** Adds the user to the organisation, or changes their role if already a member. */
  async addMember(organisationId: string, userId: string, role: DelegationRole, manager: EntityManager): Promise<Membership> {
    const repo = manager.getRepository(Membership);
    const existing = await repo.findOne({ where: { organisationId, userId } });
    if (existing) {
      existing.delegationRole = role;
      return repo.save(existing);
    }
    return repo.save(repo.create({ id: newId(), organisationId, userId, delegationRole: role, createdAt: new Date() }));
  }

  /** Adds the user to the organisation with this role unless already a member, whose role then stays as it is. */
  async ensureMember(organisationId: string, userId: string, role: DelegationRole, manager: EntityManager): Promise<Membership> {
    const repo = manager.getRepository(Membership);
    return (await repo.findOne({ where: { organisationId, userId } })) ?? repo.save(repo.create({ id: newId(), organisationId, userId, delegationRole: role, createdAt: new Date() }));
  }

  async removeMember(actor: Principal, organisationId: string, userId: string, ip: string): Promise<void> {
    await this.dataSource.transaction(async (m) => {
      const result = await m.getRepository(Membership).delete({ organisationId, userId });
      if (!result.affected) throw new DomainError(ErrorCode.NotFound, 'This person is not a member of this organisation');
      await this.audit.record(
        AuditEventType.MembershipRemoved,
        { actorId: actor.userId, targetType: 'organisation', targetId: organisationId, ip, details: { userId } },
        m,
      );
    });
    this.accessChanges.publish({ kind: 'person', userId });
  }

  private async assertNameFree(m: EntityManager, name: string): Promise<void> {
    if (await m.getRepository(Organisation).exists({ where: { name } })) {
      throw new DomainError(ErrorCode.Conflict, 'An organisation with this name already exists');
    }
  }
}
