import { DelegationRole, OrganisationKind, PlatformRole } from '@plenary/identity';

export interface DemoOrganisation {
  kind: OrganisationKind;
  name: string;
  shortName: string;
  countryCode?: string;
  /** The capital's (or headquarters') time zone, for fair meeting hours. */
  timeZone: string;
  /** Local part and name of each person; the domain is derived from the short name. */
  people: { role: DelegationRole; name: string; platformRole?: PlatformRole }[];
}

const state = (name: string, shortName: string, countryCode: string, timeZone: string, leader: string, delegate: string): DemoOrganisation => ({
  kind: OrganisationKind.State,
  name,
  shortName,
  countryCode,
  timeZone,
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
    timeZone: 'Europe/Paris',
    people: [
      { role: DelegationRole.Leader, name: 'Claire Morel' },
      { role: DelegationRole.Delegate, name: 'Julien Faure', platformRole: PlatformRole.HostAdmin },
      { role: DelegationRole.Advisor, name: 'Inès Laurent', platformRole: PlatformRole.Secretariat },
    ],
  },
  state('New Zealand', 'New Zealand', 'NZ', 'Pacific/Auckland', 'Aroha Ngata', 'Liam Walker'),
  state('Canada', 'Canada', 'CA', 'America/Toronto', 'Marie Tremblay', 'Owen Fraser'),
  state('Federal Republic of Germany', 'Germany', 'DE', 'Europe/Berlin', 'Katrin Vogel', 'Jonas Becker'),
  state('Italian Republic', 'Italy', 'IT', 'Europe/Rome', 'Giulia Conti', 'Marco Ricci'),
  state('Japan', 'Japan', 'JP', 'Asia/Tokyo', 'Haruto Sato', 'Yui Tanaka'),
  state('United Kingdom of Great Britain and Northern Ireland', 'United Kingdom', 'GB', 'Europe/London', 'Eleanor Hughes', 'Samuel Price'),
  state('United States of America', 'United States', 'US', 'America/New_York', 'Rebecca Collins', 'Daniel Brooks'),
  state('Republic of India', 'India', 'IN', 'Asia/Kolkata', 'Ananya Iyer', 'Rohan Mehta'),
  state('Ireland', 'Ireland', 'IE', 'Europe/Dublin', 'Siobhán Byrne', 'Cian Murphy'),
  state('Kingdom of Norway', 'Norway', 'NO', 'Europe/Oslo', 'Ingrid Solberg', 'Magnus Dahl'),
  state('Republic of Senegal', 'Senegal', 'SN', 'Africa/Dakar', 'Aminata Diop', 'Moussa Ndiaye'),
  state('Republic of Indonesia', 'Indonesia', 'ID', 'Asia/Jakarta', 'Sari Wulandari', 'Budi Santoso'),
  {
    kind: OrganisationKind.InternationalOrganisation,
    name: 'European Commission',
    shortName: 'European Commission',
    countryCode: undefined,
    timeZone: 'Europe/Brussels',
    people: [
      { role: DelegationRole.Leader, name: 'Helena Varga' },
      { role: DelegationRole.Delegate, name: 'Pieter de Vries' },
    ],
  },
  ...[
    ['Northwind Video', 'Northwind', 'America/Los_Angeles'],
    ['Fabrikam Social', 'Fabrikam', 'America/Los_Angeles'],
    ['Contoso Search', 'Contoso', 'America/Los_Angeles'],
    ['Tailspin Messaging', 'Tailspin', 'Europe/Dublin'],
  ].map(
    ([name, shortName, timeZone]): DemoOrganisation => ({
      kind: OrganisationKind.Company,
      name,
      shortName,
      timeZone,
      people: [
        { role: DelegationRole.Leader, name: `${shortName} Chief Executive` },
        { role: DelegationRole.Delegate, name: `${shortName} Public Policy Lead` },
      ],
    }),
  ),
  ...[
    ['Digital Rights Watch', 'DRW', 'Europe/Paris'],
    ['Survivors of Online Hate Network', 'SOHN', 'Pacific/Auckland'],
    ['Open Internet Research Centre', 'OIRC', 'America/New_York'],
  ].map(
    ([name, shortName, timeZone]): DemoOrganisation => ({
      kind: OrganisationKind.CivilSociety,
      name,
      shortName,
      timeZone,
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
