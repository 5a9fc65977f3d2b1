import { Permission, Principal, roleHasPermission } from '@plenary/identity';
import { ParticipationStatus } from '../participation/participation.entity';
import { Summit, SummitStatus } from '../summits/summit.entity';
import { HOST_ROLES, SummitRole } from './summit-member.entity';

/** Participations that give an organisation's people sight of a summit; a declined or withdrawn one gives none. */
export const ACTIVE_PARTICIPATION: readonly ParticipationStatus[] = [ParticipationStatus.Invited, ParticipationStatus.Confirmed, ParticipationStatus.Observer];

/** What the caller is to one summit. */
export interface SummitContext {
  summit: Summit;
  principal: Principal;
  /** The caller's per-summit role, while it holds: a role named with a delegation lapses while that delegation takes no part, or once the person leaves it. */
  role: SummitRole | null;
  /**
   * The delegations the caller sits in: their organisations taking part in
   * the summit. The host side sits in none but the host organisation's own,
   * whatever its memberships: see `delegationsOf`.
   */
  organisationIds: string[];
  /** May edit the summit and run its sessions: platform host administrators and the summit's chair, co-chair and secretariat. */
  isHost: boolean;
}

/** What a route asks of the caller: to read the summit, or to be on its host side. */
export type SummitAccessLevel = 'read' | 'host';

/** The caller's context in the summit a route is about, and the thing its id named (null for the summit itself). */
export interface ScopedAccess<T = unknown> {
  ctx: SummitContext;
  resource: T;
}

/** The caller's named role in the summit, as stored. */
export interface NamedRole {
  role: SummitRole;
  /** The delegation the role was named with, if any. */
  organisationId: string | null;
}

/** What a context is built from: the caller's named role, the organisations they belong to, and which of those take part. */
export interface ContextFacts {
  named: NamedRole | null;
  /** Every organisation the caller belongs to. */
  memberOf: readonly string[];
  /** Organisations with an active participation in the summit (at least those among `memberOf` and the named role's). */
  takingPart: ReadonlySet<string>;
}

/**
 * The caller's view of one summit, from the facts loaded for it. Pure: the
 * service loads, this decides.
 */
export function contextOf(summit: Summit, principal: Principal, { named, memberOf, takingPart }: ContextFacts): SummitContext {
  const role = named && roleHolds(named, memberOf, takingPart) ? named.role : null;
  const isHost = roleHasPermission(principal.platformRole, Permission.SummitManageAll) || (role !== null && HOST_ROLES.includes(role));
  const organisationIds = delegationsOf(summit, isHost, memberOf.filter((id) => takingPart.has(id)));
  return { summit, principal, role, organisationIds, isHost };
}

/** A role named with a delegation holds while the delegation takes part and the person still belongs to it; a role named alone always does. */
export function roleHolds(named: NamedRole, memberOf: readonly string[], takingPart: ReadonlySet<string>): boolean {
  return named.organisationId === null || (takingPart.has(named.organisationId) && memberOf.includes(named.organisationId));
}

/**
 * The host side convenes the summit; it does not sit in the delegations it
 * convenes. Its people belong to the host organisation's own delegation and
 * to no other, even when they belong to another organisation on the
 * platform: host administrators manage memberships, so were membership
 * enough, the convenor could read any delegation's private deliberations by
 * adding itself to it.
 */
export function delegationsOf(summit: Pick<Summit, 'hostOrganisationId'>, isHost: boolean, organisationIds: string[]): string[] {
  return isHost ? organisationIds.filter((id) => id === summit.hostOrganisationId) : organisationIds;
}

/** Who may read a summit: its host side always; once announced, its participants and platform readers of every summit. */
export function canReadSummit(ctx: SummitContext): boolean {
  if (ctx.isHost) return true;
  if (ctx.summit.status === SummitStatus.Draft) return false;
  if (roleHasPermission(ctx.principal.platformRole, Permission.SummitReadAll)) return true;
  return ctx.role !== null || ctx.organisationIds.length > 0;
}
