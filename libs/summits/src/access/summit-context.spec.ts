import { PlatformRole, Principal } from '@plenary/identity';
import { Summit, SummitStatus } from '../summits/summit.entity';
import { canReadSummit, ContextFacts, contextOf } from './summit-context';
import { SummitRole } from './summit-member.entity';

const HOST_ORG = 'org-host';
const NZ = 'org-nz';
const JP = 'org-jp';

function summit(status = SummitStatus.Announced): Summit {
  return { id: 'summit-1', hostOrganisationId: HOST_ORG, status } as Summit;
}

function principal(platformRole = PlatformRole.Participant): Principal {
  return { userId: 'user-1', sessionId: 'session-1', email: 'someone@plenary.test', platformRole };
}

function facts(fields: Partial<Omit<ContextFacts, 'takingPart'>> & { takingPart?: string[] } = {}): ContextFacts {
  return { named: fields.named ?? null, memberOf: fields.memberOf ?? [], takingPart: new Set(fields.takingPart ?? [HOST_ORG, NZ]) };
}

describe(contextOf.name, () => {
  it('seats a member of a participating delegation in it', () => {
    const sut = contextOf(summit(), principal(), facts({ memberOf: [NZ, JP] }));

    expect(sut).toMatchObject({ role: null, organisationIds: [NZ], isHost: false });
    expect(canReadSummit(sut)).toBe(true);
  });

  it('keeps the named role of someone named without a delegation', () => {
    const sut = contextOf(summit(), principal(), facts({ named: { role: SummitRole.Interpreter, organisationId: null } }));

    expect(sut).toMatchObject({ role: SummitRole.Interpreter, organisationIds: [] });
    expect(canReadSummit(sut)).toBe(true);
  });

  it('lets a role named with a delegation lapse while the delegation takes no part', () => {
    const sut = contextOf(summit(), principal(), facts({ named: { role: SummitRole.Delegate, organisationId: JP }, memberOf: [JP] }));

    expect(sut).toMatchObject({ role: null, organisationIds: [] });
    expect(canReadSummit(sut)).toBe(false);
  });

  it('lets a role named with a delegation lapse once the person leaves the delegation', () => {
    const sut = contextOf(summit(), principal(), facts({ named: { role: SummitRole.HeadOfDelegation, organisationId: NZ }, memberOf: [] }));

    expect(sut).toMatchObject({ role: null, organisationIds: [] });
    expect(canReadSummit(sut)).toBe(false);
  });

  it('seats the host side in the host organisation’s delegation and no other', () => {
    const chair = contextOf(summit(), principal(), facts({ named: { role: SummitRole.CoChair, organisationId: null }, memberOf: [HOST_ORG, NZ] }));
    const admin = contextOf(summit(), principal(PlatformRole.HostAdmin), facts({ memberOf: [NZ] }));

    expect(chair).toMatchObject({ isHost: true, organisationIds: [HOST_ORG] });
    expect(admin).toMatchObject({ isHost: true, organisationIds: [] });
  });

  it('gives a chair named with a delegation that no longer takes part no host rights', () => {
    const sut = contextOf(summit(), principal(), facts({ named: { role: SummitRole.Chair, organisationId: JP }, memberOf: [JP] }));

    expect(sut).toMatchObject({ role: null, isHost: false });
  });

  it('shows a draft to the host side only', () => {
    expect(canReadSummit(contextOf(summit(SummitStatus.Draft), principal(), facts({ memberOf: [NZ] })))).toBe(false);
    expect(canReadSummit(contextOf(summit(SummitStatus.Draft), principal(), facts({ named: { role: SummitRole.Secretariat, organisationId: null } })))).toBe(true);
    expect(canReadSummit(contextOf(summit(SummitStatus.Draft), principal(PlatformRole.Secretariat), facts()))).toBe(false);
  });

  it('lets the platform secretariat read every announced summit without seating it anywhere', () => {
    const sut = contextOf(summit(), principal(PlatformRole.Secretariat), facts());

    expect(sut).toMatchObject({ isHost: false, organisationIds: [] });
    expect(canReadSummit(sut)).toBe(true);
  });

  it('refuses someone with no role and no participating delegation', () => {
    expect(canReadSummit(contextOf(summit(), principal(), facts({ memberOf: [JP] })))).toBe(false);
  });
});
