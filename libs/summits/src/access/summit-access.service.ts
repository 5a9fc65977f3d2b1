import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { DomainError, ErrorCode } from '@plenary/common';
import { DirectoryService, Membership, Principal } from '@plenary/identity';
import { CompiledQuery, hydrate } from '@plenary/database';
import { DataSource, In, Repository } from 'typeorm';
import { Participation } from '../participation/participation.entity';
import { Summit } from '../summits/summit.entity';
import { SummitErrorCode } from '../summits.errors';
import { ACTIVE_PARTICIPATION, canReadSummit, contextOf, NamedRole, ScopedAccess, SummitAccessLevel, SummitContext } from './summit-context';
import { SummitMember, SummitRole } from './summit-member.entity';
import { SummitScopes } from './summit-scopes.registry';

// The context is defined beside its rules; those who know it from here still find it.
export type { SummitContext } from './summit-context';

/**
 * Access to summits, from platform roles, per-summit roles and the
 * participation of the caller's organisations. A summit the caller may not
 * see does not exist for them (404); one they may see but not change answers
 * 403. The rules are in `summit-context.ts`; this loads what they need, in a
 * fixed number of queries whatever the number of people or summits.
 */
@Injectable()
export class SummitAccessService {
  constructor(
    @InjectRepository(Summit) private readonly summits: Repository<Summit>,
    @InjectRepository(SummitMember) private readonly members: Repository<SummitMember>,
    @InjectRepository(Participation) private readonly participations: Repository<Participation>,
    private readonly directory: DirectoryService,
    private readonly scopes: SummitScopes,
    private readonly dataSource: DataSource,
  ) {}

  /**
   * What a route (or an event) about one thing of a summit needs: the thing
   * behind the id, of a registered kind (`summit`, `session`, `channel`…), and
   * the caller's context in its summit. The thing's own not-found (404) for
   * whoever may not see it; 403 for a participant where `level` is `host`.
   */
  async admit<T = unknown>(principal: Principal, kind: string, id: string, level: SummitAccessLevel): Promise<ScopedAccess<T>> {
    const scope = this.scopes.get(kind);
    const found = await scope.find(id);
    const ctx = found ? await this.context(principal, found.summitId) : null;
    if (!found || !ctx || !canReadSummit(ctx) || (scope.visibleTo && !(await scope.visibleTo(ctx, found.resource)))) throw scope.notFound();
    if (level === 'host' && !ctx.isHost) throw new DomainError(ErrorCode.Forbidden, 'Only the host side of this summit may do this');
    return { ctx, resource: found.resource as T };
  }

  /**
   * The caller's view of a summit, or null when there is no such summit: in
   * two queries run together (the summit with the caller's named role; the
   * caller's organisations taking part in it). The rules need no other of
   * the caller's organisations: a role named with a delegation holds only
   * for one that takes part, and only those are delegations.
   */
  async context(principal: Principal, summitId: string): Promise<SummitContext | null> {
    const [found, delegations] = await Promise.all([this.summitWithRole(summitId, principal.userId), this.delegationsTakingPart(summitId, principal.userId)]);
    if (!found) return null;
    return contextOf(found.summit, principal, { named: found.named, memberOf: delegations, takingPart: new Set(delegations) });
  }

  /**
   * The organisations the person belongs to that take part in the summit, in
   * one query: the person's few memberships first, each looked up among the
   * summit's participations by key, so that the cost does not grow with the
   * number of delegations.
   */
  private async delegationsTakingPart(summitId: string, userId: string): Promise<string[]> {
    const rows = await (this.delegationsQuery ??= new CompiledQuery(this.dataSource, ['summitId', 'userId'], (p) =>
      this.participations
        .createQueryBuilder('participation')
        .select('participation.organisationId', 'organisationId')
        .where('participation.summitId = :summitId', { summitId: p.summitId })
        .andWhere((qb) => {
          const organisations = qb.subQuery().select('membership.organisationId').from(Membership, 'membership').where('membership.userId = :userId').getQuery();
          return `participation.organisationId IN ${organisations}`;
        })
        .setParameter('userId', p.userId)
        .andWhere('participation.status IN (:...active)', { active: ACTIVE_PARTICIPATION }),
    )).run<{ organisationId: string }>({ summitId, userId });
    return rows.map((row) => row.organisationId);
  }
  private delegationsQuery?: CompiledQuery<'summitId' | 'userId'>;

  /** A summit and the person's named role in it, if any, in one query. */
  private async summitWithRole(summitId: string, userId: string): Promise<{ summit: Summit; named: NamedRole | null } | null> {
    const [row] = await (this.summitQuery ??= new CompiledQuery(this.dataSource, ['summitId', 'userId'], (p) =>
      this.summits
        .createQueryBuilder('summit')
        .leftJoin(SummitMember, 'member', 'member.summitId = summit.id AND member.userId = :userId', { userId: p.userId })
        .select('summit')
        .addSelect('member.role', 'member_role')
        .addSelect('member.organisationId', 'member_organisation_id')
        .where('summit.id = :summitId', { summitId: p.summitId }),
    )).run<{ member_role: SummitRole | null; member_organisation_id: string | null }>({ summitId, userId });
    if (!row) return null;
    const { member_role: role, member_organisation_id: organisationId } = row;
    return { summit: hydrate(this.dataSource, Summit, row, 'summit'), named: role ? { role, organisationId } : null };
  }
  private summitQuery?: CompiledQuery<'summitId' | 'userId'>;

  /** The contexts of several people in one summit, in four queries whatever their number (null when the summit does not exist). */
  async contextsOf(principals: Principal[], summitId: string): Promise<Map<string, SummitContext> | null> {
    const userIds = principals.map((p) => p.userId);
    const [summit, named, memberships, takingPart] = await Promise.all([
      this.summits.findOne({ where: { id: summitId } }),
      userIds.length ? this.members.find({ where: { summitId, userId: In(userIds) } }) : [],
      this.directory.membershipsOf(userIds),
      userIds.length ? this.takingPart(summitId, null) : new Set<string>(),
    ]);
    if (!summit) return null;
    const namedBy = new Map(named.map((m) => [m.userId, m]));
    const memberOf = groupBy(memberships, (m) => m.userId, (m) => m.organisationId);
    return new Map(
      principals.map((principal) => [
        principal.userId,
        contextOf(summit, principal, { named: namedBy.get(principal.userId) ?? null, memberOf: memberOf.get(principal.userId) ?? [], takingPart }),
      ]),
    );
  }

  /** The contexts of every summit the caller may read, in four queries, in the order of their start. */
  async readable(principal: Principal): Promise<SummitContext[]> {
    const [summits, named, memberOf] = await Promise.all([
      this.summits.find({ order: { startsAt: 'ASC' } }),
      this.members.find({ where: { userId: principal.userId } }),
      this.directory.organisationIdsOf(principal.userId),
    ]);
    const concerned = [...new Set([...memberOf, ...named.flatMap((m) => (m.organisationId ? [m.organisationId] : []))])];
    const active = concerned.length
      ? await this.participations.find({ where: { organisationId: In(concerned), status: In([...ACTIVE_PARTICIPATION]) }, select: { summitId: true, organisationId: true } })
      : [];
    const takingPart = groupBy(active, (p) => p.summitId, (p) => p.organisationId);
    const namedIn = new Map(named.map((m) => [m.summitId, m]));
    return summits
      .map((summit) => contextOf(summit, principal, { named: namedIn.get(summit.id) ?? null, memberOf, takingPart: new Set(takingPart.get(summit.id) ?? []) }))
      .filter((ctx) => canReadSummit(ctx));
  }

  /** Ids of every summit the caller may read. */
  async readableSummitIds(principal: Principal): Promise<string[]> {
    return (await this.readable(principal)).map((ctx) => ctx.summit.id);
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
    return canReadSummit(ctx);
  }

  /** Of the organisations given (all when null), those taking part in the summit now. */
  private async takingPart(summitId: string, organisationIds: string[] | null): Promise<Set<string>> {
    if (organisationIds?.length === 0) return new Set();
    const where = { summitId, status: In([...ACTIVE_PARTICIPATION]), ...(organisationIds ? { organisationId: In(organisationIds) } : {}) };
    return new Set((await this.participations.find({ where, select: { organisationId: true } })).map((p) => p.organisationId));
  }
}

function groupBy<T, V>(items: T[], key: (item: T) => string, value: (item: T) => V): Map<string, V[]> {
  const groups = new Map<string, V[]>();
  for (const item of items) groups.set(key(item), [...(groups.get(key(item)) ?? []), value(item)]);
  return groups;
}
