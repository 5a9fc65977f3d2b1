import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { DomainError, ErrorCode } from '@plenary/common';
import { Membership, Permission, Principal, roleHasPermission } from '@plenary/identity';
import { In, Repository } from 'typeorm';
import { Participation, ParticipationStatus } from '../participation/participation.entity';
import { Summit, SummitStatus } from '../summits/summit.entity';
import { HOST_ROLES, SummitMember, SummitRole } from './summit-member.entity';
import { SummitErrorCode } from '../summits.errors';

/** Participations that give an organisation's members sight of a summit. */
export const ACTIVE_PARTICIPATION: readonly ParticipationStatus[] = [ParticipationStatus.Invited, ParticipationStatus.Confirmed, ParticipationStatus.Observer];

/** What the caller is to one summit. */
export interface SummitContext {
  summit: Summit;
  principal: Principal;
  /** The caller's per-summit role, if named. */
  role: SummitRole | null;
  /** The caller's organisations that take part in the summit. */
  organisationIds: string[];
  /** May edit the summit and run its sessions: platform host administrators and the summit's chair, co-chair and secretariat. */
  isHost: boolean;
}

/**
 * Access to summits, from platform roles and per-summit roles. A summit the
 * caller may not see does not exist for them (404); one they may see but not
 * change answers 403.
 */
@Injectable()
export class SummitAccessService {
  constructor(
    @InjectRepository(Summit) private readonly summits: Repository<Summit>,
    @InjectRepository(SummitMember) private readonly members: Repository<SummitMember>,
    @InjectRepository(Participation) private readonly participations: Repository<Participation>,
    @InjectRepository(Membership) private readonly memberships: Repository<Membership>,
  ) {}

  async context(principal: Principal, summitId: string): Promise<SummitContext | null> {
    const summit = await this.summits.findOne({ where: { id: summitId } });
    if (!summit) return null;
    const member = await this.members.findOne({ where: { summitId, userId: principal.userId } });
    const ownOrganisations = (await this.memberships.find({ where: { userId: principal.userId } })).map((m) => m.organisationId);
    const taking = ownOrganisations.length
      ? await this.participations.find({ where: { summitId, organisationId: In(ownOrganisations), status: In([...ACTIVE_PARTICIPATION]) } })
      : [];
    const isHost = roleHasPermission(principal.platformRole, Permission.SummitManageAll) || (member !== null && HOST_ROLES.includes(member.role));
    return { summit, principal, role: member?.role ?? null, organisationIds: taking.map((p) => p.organisationId), isHost };
  }

  /** The contexts of several people in one summit, in four queries whatever their number (null when the summit does not exist). */
  async contextsOf(principals: Principal[], summitId: string): Promise<Map<string, SummitContext> | null> {
    const summit = await this.summits.findOne({ where: { id: summitId } });
    if (!summit) return null;
    const userIds = principals.map((p) => p.userId);
    if (userIds.length === 0) return new Map();
    const members = new Map((await this.members.find({ where: { summitId, userId: In(userIds) } })).map((m) => [m.userId, m]));
    const memberships = await this.memberships.find({ where: { userId: In(userIds) } });
    const taking = new Set(
      memberships.length
        ? (await this.participations.find({ where: { summitId, organisationId: In([...new Set(memberships.map((m) => m.organisationId))]), status: In([...ACTIVE_PARTICIPATION]) } })).map((p) => p.organisationId)
        : [],
    );
    return new Map(
      principals.map((principal) => {
        const member = members.get(principal.userId) ?? null;
        const organisationIds = memberships.filter((m) => m.userId === principal.userId && taking.has(m.organisationId)).map((m) => m.organisationId);
        const isHost = roleHasPermission(principal.platformRole, Permission.SummitManageAll) || (member !== null && HOST_ROLES.includes(member.role));
        return [principal.userId, { summit, principal, role: member?.role ?? null, organisationIds, isHost }];
      }),
    );
  }

  /** The summit as the caller may read it, or a 404. Drafts are visible to the host side only. */
  async read(principal: Principal, summitId: string): Promise<SummitContext> {
    const ctx = await this.context(principal, summitId);
    if (!ctx || !this.canRead(ctx)) throw new DomainError(SummitErrorCode.SummitNotFound, 'No such summit');
    return ctx;
  }

  /** The summit for a change by its host side: 404 if unreadable, 403 if readable but not the caller's to change. */
  async host(principal: Principal, summitId: string): Promise<SummitContext> {
    const ctx = await this.read(principal, summitId);
    if (!ctx.isHost) throw new DomainError(ErrorCode.Forbidden, 'Only the host side of this summit may do this');
    return ctx;
  }

  canRead(ctx: SummitContext): boolean {
    if (ctx.isHost) return true;
    if (ctx.summit.status === SummitStatus.Draft) return false;
    if (roleHasPermission(ctx.principal.platformRole, Permission.SummitReadAll)) return true;
    return ctx.role !== null || ctx.organisationIds.length > 0;
  }

  /** Ids of every summit the caller may read. */
  async readableSummitIds(principal: Principal): Promise<string[]> {
    const all = await this.summits.find({ select: { id: true, status: true } });
    if (roleHasPermission(principal.platformRole, Permission.SummitManageAll)) return all.map((s) => s.id);
    const named = await this.members.find({ where: { userId: principal.userId } });
    const hostOf = new Set(named.filter((m) => HOST_ROLES.includes(m.role)).map((m) => m.summitId));
    const memberOf = new Set(named.map((m) => m.summitId));
    const ownOrganisations = (await this.memberships.find({ where: { userId: principal.userId } })).map((m) => m.organisationId);
    const viaOrganisation = new Set(
      ownOrganisations.length
        ? (await this.participations.find({ where: { organisationId: In(ownOrganisations), status: In([...ACTIVE_PARTICIPATION]) } })).map((p) => p.summitId)
        : [],
    );
    const readAll = roleHasPermission(principal.platformRole, Permission.SummitReadAll);
    return all
      .filter((s) => hostOf.has(s.id) || (s.status !== SummitStatus.Draft && (readAll || memberOf.has(s.id) || viaOrganisation.has(s.id))))
      .map((s) => s.id);
  }
}
