import { DelegationRole, OrganisationKind, PlatformRole } from '@plenary/identity';

export interface DemoOrganisation {
  kind: OrganisationKind;
  name: string;
  shortName: string;
  countryCode?: string;
  /** Local part and name of each person; the domain is derived from the short name. */
  people: { role: DelegationRole; name: string; platformRole?: PlatformRole }[];
}

const state = (name: string, shortName: string, countryCode: string, leader: string, delegate: string): DemoOrganisation => ({
  kind: OrganisationKind.State,
  name,
  shortName,
  countryCode,
  people: [
    { role: DelegationRole.Leader, name: leader },
    { role: DelegationRole.Delegate, name: delegate },
  ],
});

/**
 * A progress summit on a call to action against terrorist and violent
 * extremist content online: a host government and its secretariat, states,
 * the European Commission, platform companies and civil society.
 */
export const DEMO_ORGANISATIONS: DemoOrganisation[] = [
  {
    kind: OrganisationKind.State,
    name: 'French Republic',
    shortName: 'France',
    countryCode: 'FR',
    people: [
      { role: DelegationRole.Leader, name: 'Claire Morel' },
      { role: DelegationRole.Delegate, name: 'Julien Faure', platformRole: PlatformRole.HostAdmin },
      { role: DelegationRole.Advisor, name: 'Inès Laurent', platformRole: PlatformRole.Secretariat },
    ],
  },
  state('New Zealand', 'New Zealand', 'NZ', 'Aroha Ngata', 'Liam Walker'),
  state('Canada', 'Canada', 'CA', 'Marie Tremblay', 'Owen Fraser'),
  state('Federal Republic of Germany', 'Germany', 'DE', 'Katrin Vogel', 'Jonas Becker'),
  state('Italian Republic', 'Italy', 'IT', 'Giulia Conti', 'Marco Ricci'),
  state('Japan', 'Japan', 'JP', 'Haruto Sato', 'Yui Tanaka'),
  state('United Kingdom of Great Britain and Northern Ireland', 'United Kingdom', 'GB', 'Eleanor Hughes', 'Samuel Price'),
  state('United States of America', 'United States', 'US', 'Rebecca Collins', 'Daniel Brooks'),
  state('Republic of India', 'India', 'IN', 'Ananya Iyer', 'Rohan Mehta'),
  state('Ireland', 'Ireland', 'IE', 'Siobhán Byrne', 'Cian Murphy'),
  state('Kingdom of Norway', 'Norway', 'NO', 'Ingrid Solberg', 'Magnus Dahl'),
  state('Republic of Senegal', 'Senegal', 'SN', 'Aminata Diop', 'Moussa Ndiaye'),
  state('Republic of Indonesia', 'Indonesia', 'ID', 'Sari Wulandari', 'Budi Santoso'),
  {
    kind: OrganisationKind.InternationalOrganisation,
    name: 'European Commission',
    shortName: 'European Commission',
    countryCode: undefined,
    people: [
      { role: DelegationRole.Leader, name: 'Helena Varga' },
      { role: DelegationRole.Delegate, name: 'Pieter de Vries' },
    ],
  },
  ...[
    ['Northwind Video', 'Northwind'],
    ['Fabrikam Social', 'Fabrikam'],
    ['Contoso Search', 'Contoso'],
    ['Tailspin Messaging', 'Tailspin'],
  ].map(
    ([name, shortName]): DemoOrganisation => ({
      kind: OrganisationKind.Company,
      name,
      shortName,
      people: [
        { role: DelegationRole.Leader, name: `${shortName} Chief Executive` },
        { role: DelegationRole.Delegate, name: `${shortName} Public Policy Lead` },
      ],
    }),
  ),
  ...[
    ['Digital Rights Watch', 'DRW'],
    ['Survivors of Online Hate Network', 'SOHN'],
    ['Open Internet Research Centre', 'OIRC'],
  ].map(
    ([name, shortName]): DemoOrganisation => ({
      kind: OrganisationKind.CivilSociety,
      name,
      shortName,
      people: [{ role: DelegationRole.Delegate, name: `${shortName} Director` }],
    }),
  ),
];

export function demoEmail(org: DemoOrganisation, personIndex: number): string {
  const domain = org.shortName.toLowerCase().replace(/[^a-z0-9]+/g, '-');
  const role = org.people[personIndex].role;
  const local = personIndex === 0 || org.people.filter((p) => p.role === role).length === 1 ? role : `${role}${personIndex}`;
  return `${local}@${domain}.demo.plenary.localhost`;
}
