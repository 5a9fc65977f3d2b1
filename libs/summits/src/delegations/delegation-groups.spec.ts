import { DelegationRole, Membership, OrganisationKind, User } from '@plenary/identity';
import { SummitMember, SummitRole } from '../access/summit-member.entity';
import { ParticipationStatus } from '../participation/participation.entity';
import type { ParticipantDto } from '../participation/participation.dto';
import type { SummitRoster } from '../participation/participation.service';
import { groupDelegations, searchable } from './delegation-groups';

const NZ = 'org-nz';
const FR = 'org-fr';

function delegation(organisationId: string, name: string): ParticipantDto {
  return { organisationId, name, shortName: name, nameFr: null, shortNameFr: null, kind: OrganisationKind.State, countryCode: null, status: ParticipationStatus.Confirmed, timeZone: 'UTC', joinedAt: null };
}

function user(id: string, displayName: string): User {
  return { id, displayName, email: `${id}@example.org`, disabledAt: null } as User;
}

function membership(userId: string, organisationId: string, delegationRole = DelegationRole.Delegate): Membership {
  return { id: `${userId}-${organisationId}`, userId, organisationId, delegationRole, createdAt: new Date() } as Membership;
}

function named(userId: string, role: SummitRole, organisationId: string | null, isProxy = false): SummitMember {
  return { id: `named-${userId}`, summitId: 's', userId, role, organisationId, isProxy, createdAt: new Date() } as SummitMember;
}

/** New Zealand with a head of delegation, a delegate and an advisor; France with its chair; a co-chair outside any delegation. */
function roster(): SummitRoster {
  return {
    delegations: [delegation(FR, 'France'), delegation(NZ, 'Nouvelle-Zélande')],
    memberships: [membership('ana', NZ, DelegationRole.Leader), membership('wiremu', NZ), membership('ben', NZ, DelegationRole.Advisor), membership('claire', FR)],
    named: [named('wiremu', SummitRole.HeadOfDelegation, NZ, true), named('ana', SummitRole.Delegate, NZ), named('claire', SummitRole.Chair, FR), named('kofi', SummitRole.CoChair, null)],
    users: [user('ana', 'Ana Aroha'), user('wiremu', 'Wiremu Tane'), user('ben', 'Ben Hēnare'), user('claire', 'Claire Dubois'), user('kofi', 'Kofi Mensah')],
  };
}

describe(groupDelegations.name, () => {
  it('lists every delegation taking part with its people, named roles first, then the people outside any delegation', () => {
    const result = groupDelegations(roster(), { isHost: false });

    expect(result.groups.map((g) => [g.organisation?.name ?? null, g.people.map((p) => p.displayName), g.count, g.total])).toEqual([
      ['France', ['Claire Dubois'], 1, 1],
      ['Nouvelle-Zélande', ['Wiremu Tane', 'Ana Aroha', 'Ben Hēnare'], 3, 3],
      [null, ['Kofi Mensah'], 1, 1],
    ]);
    expect(result).toMatchObject({ query: null, count: 5, total: 5 });
  });

  it('gives each person their roles in the delegation and the summit', () => {
    const nz = groupDelegations(roster(), { isHost: false }).groups[1];

    expect(nz.people).toEqual([
      { userId: 'wiremu', displayName: 'Wiremu Tane', delegationRole: 'delegate', summitRole: 'head_of_delegation', isProxy: true },
      { userId: 'ana', displayName: 'Ana Aroha', delegationRole: 'leader', summitRole: 'delegate', isProxy: false },
      { userId: 'ben', displayName: 'Ben Hēnare', delegationRole: 'advisor', summitRole: null, isProxy: false },
    ]);
  });

  it('shows addresses and open invitations to the host side only', () => {
    const host = groupDelegations(roster(), { isHost: true, openInvitations: new Map([[NZ, 2]]) });
    const participant = groupDelegations(roster(), { isHost: false, openInvitations: new Map([[NZ, 2]]) });

    expect(host.groups.map((g) => g.openInvitations)).toEqual([0, 2, null]);
    expect(host.groups[1].people[0].email).toBe('wiremu@example.org');
    expect(participant.groups.map((g) => g.openInvitations)).toEqual([null, null, null]);
    expect(JSON.stringify(participant)).not.toContain('@example.org');
  });

  it('finds people by name, ignoring case and accents, and counts what it found', () => {
    const result = groupDelegations(roster(), { isHost: false, query: 'HENARE' });

    expect(result.groups.map((g) => [g.organisation?.name, g.people.map((p) => p.userId), g.count, g.total])).toEqual([['Nouvelle-Zélande', ['ben'], 1, 3]]);
    expect(result).toMatchObject({ query: 'HENARE', count: 1, total: 5 });
  });

  it('finds a whole delegation by its name, and a person within it with several words', () => {
    expect(groupDelegations(roster(), { isHost: false, query: 'zelande' }).groups[0].count).toBe(3);
    expect(groupDelegations(roster(), { isHost: false, query: 'zélande ana' }).groups[0].people.map((p) => p.userId)).toEqual(['ana']);
  });

  it('lets only the host side find people by address', () => {
    expect(groupDelegations(roster(), { isHost: true, query: 'kofi@example' }).count).toBe(1);
    expect(groupDelegations(roster(), { isHost: false, query: 'kofi@example' }).count).toBe(0);
    expect(groupDelegations(roster(), { isHost: false, query: 'example.org' }).groups).toEqual([]);
  });

  it('shows a delegation nobody belongs to yet, unless searching', () => {
    const empty = { ...roster(), delegations: [...roster().delegations, delegation('org-jp', 'Japan')] };

    expect(groupDelegations(empty, { isHost: false }).groups.find((g) => g.organisation?.name === 'Japan')).toMatchObject({ count: 0, total: 0, people: [] });
    expect(groupDelegations(empty, { isHost: false, query: 'japan' }).groups).toEqual([]);
  });

  it('leaves out people whose account is gone or disabled', () => {
    const withoutBen = { ...roster(), users: roster().users.filter((u) => u.id !== 'ben') };

    expect(groupDelegations(withoutBen, { isHost: false }).groups[1]).toMatchObject({ count: 2, total: 2 });
  });

  it('counts a person belonging to two delegations once', () => {
    const both = { ...roster(), memberships: [...roster().memberships, membership('ben', FR)] };

    const result = groupDelegations(both, { isHost: false });

    expect(result.groups[0].people.map((p) => p.userId)).toEqual(['claire', 'ben']);
    expect(result).toMatchObject({ count: 5, total: 5 });
  });
});

describe(searchable.name, () => {
  it('lower-cases and strips accents', () => {
    expect(searchable('Hēnare Zélande ÇA')).toBe('henare zelande ca');
  });
});
