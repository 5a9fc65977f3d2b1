// The people of a summit grouped by delegation, searched and counted, as pure
// rules: the service loads the roster, this shapes what the caller may see.
import type { DelegationRole } from '@plenary/identity';
import { SummitRole, SUMMIT_ROLES } from '../access/summit-member.entity';
import type { SummitRoster } from '../participation/participation.service';
import type { DelegationGroupDto, DelegationPersonDto, DelegationsDto } from './delegation.dto';

export interface DelegationView {
  /** The host side sees addresses, searches them, and sees the open invitations. */
  isHost: boolean;
  query?: string;
  /** Open invitations by organisation, for the host side. */
  openInvitations?: ReadonlyMap<string, number>;
}

/** Named roles in the order a delegation lists them. */
const ROLE_ORDER: readonly SummitRole[] = [SummitRole.HeadOfDelegation, SummitRole.Delegate, SummitRole.Observer, ...SUMMIT_ROLES];

/** Lower-cased, without accents: `Zélande` is found by `zelande`. */
export function searchable(text: string): string {
  return text.normalize('NFD').replace(/\p{Diacritic}/gu, '').toLowerCase();
}

export function groupDelegations(roster: SummitRoster, view: DelegationView): DelegationsDto {
  const words = searchable(view.query ?? '').split(/\s+/).filter(Boolean);
  const users = new Map(roster.users.map((u) => [u.id, u]));
  const named = new Map(roster.named.map((m) => [m.userId, m]));
  const inDelegation = new Set<string>();

  const person = (userId: string, delegationRole: DelegationRole | null, organisationId: string | null): DelegationPersonDto | null => {
    const user = users.get(userId);
    if (!user) return null;
    const role = named.get(userId);
    const applies = role && (role.organisationId === null || role.organisationId === organisationId);
    return {
      userId,
      displayName: user.displayName,
      ...(view.isHost ? { email: user.email } : {}),
      delegationRole,
      summitRole: applies ? role.role : null,
      isProxy: applies ? role.isProxy : false,
    };
  };

  const groups: { group: DelegationGroupDto; haystack: string }[] = roster.delegations.map((organisation) => {
    const people = roster.memberships
      .filter((m) => m.organisationId === organisation.organisationId)
      .map((m) => person(m.userId, m.delegationRole, organisation.organisationId))
      .filter((p): p is DelegationPersonDto => p !== null);
    people.forEach((p) => inDelegation.add(p.userId));
    return {
      group: { organisation, count: 0, total: people.length, openInvitations: view.isHost ? (view.openInvitations?.get(organisation.organisationId) ?? 0) : null, people },
      haystack: `${organisation.name} ${organisation.shortName}`,
    };
  });
  const outside = roster.named
    .filter((m) => m.organisationId === null && !inDelegation.has(m.userId))
    .map((m) => person(m.userId, null, null))
    .filter((p): p is DelegationPersonDto => p !== null);
  if (outside.length > 0) groups.push({ group: { organisation: null, count: 0, total: outside.length, openInvitations: null, people: outside }, haystack: '' });

  const matches = (p: DelegationPersonDto, haystack: string) => {
    const text = searchable(`${haystack} ${p.displayName} ${view.isHost ? (p.email ?? '') : ''}`);
    return words.every((w) => text.includes(w));
  };
  const shown = new Set<string>();
  const result = groups
    .map(({ group, haystack }) => {
      const people = group.people.filter((p) => matches(p, haystack)).sort(byRoleThenName);
      people.forEach((p) => shown.add(p.userId));
      return { ...group, people, count: people.length };
    })
    .filter((group) => words.length === 0 || group.count > 0);
  const everyone = new Set(groups.flatMap(({ group }) => group.people.map((p) => p.userId)));
  return { query: view.query || null, count: shown.size, total: everyone.size, groups: result };
}

function byRoleThenName(a: DelegationPersonDto, b: DelegationPersonDto): number {
  const rank = (p: DelegationPersonDto) => (p.summitRole === null ? ROLE_ORDER.length : ROLE_ORDER.indexOf(p.summitRole));
  return rank(a) - rank(b) || a.displayName.localeCompare(b.displayName);
}
