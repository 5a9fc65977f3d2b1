import { INestApplicationContext } from '@nestjs/common';
import { DelegationRole, Organisation, OrganisationsService, PlatformRole, Principal, User, UsersService } from '@plenary/identity';
import { ParticipationService, ParticipationStatus, SessionKind, SessionsService, SummitAccessService, SummitRole, SummitsService, SummitStatus, Visibility } from '@plenary/summits';
import { randomBytes } from 'node:crypto';
import { DataSource } from 'typeorm';
import { DEMO_ORGANISATIONS, demoEmail } from './demo.data';

export interface DemoAccount {
  email: string;
  password: string;
  organisation: string;
  role: string;
  platformRole: PlatformRole;
}

/** Seeds the demo organisations and people once; returns the accounts with their generated passwords. */
export async function seedDemo(app: INestApplicationContext): Promise<DemoAccount[] | null> {
  const organisations = app.get(OrganisationsService);
  const users = app.get(UsersService);
  const dataSource = app.get(DataSource);
  if ((await organisations.list({})).some((o) => o.name === DEMO_ORGANISATIONS[0].name)) return null;

  const accounts: DemoAccount[] = [];
  const people: { user: User; organisation: Organisation; role: DelegationRole; timeZone: string }[] = [];
  for (const org of DEMO_ORGANISATIONS) {
    const created = await organisations.create(null, { kind: org.kind, name: org.name, shortName: org.shortName, countryCode: org.countryCode ?? null });
    for (const [index, person] of org.people.entries()) {
      const email = demoEmail(org, index);
      const password = randomBytes(9).toString('base64url');
      const platformRole = person.platformRole ?? PlatformRole.Participant;
      const user = await dataSource.transaction(async (m) => {
        const user = await users.create({ email, password, displayName: person.name, platformRole, timeZone: org.timeZone }, m);
        await organisations.addMember(created.id, user.id, person.role, m);
        return user;
      });
      people.push({ user, organisation: created, role: person.role, timeZone: org.timeZone });
      accounts.push({ email, password, organisation: org.shortName, role: person.role, platformRole });
    }
  }
  await seedSummit(app, people);
  return accounts;
}

const DAY = 86_400_000;
const HOUR = 3_600_000;

/**
 * A progress summit three weeks from now, hosted by France and held by video:
 * every organisation confirmed, delegations named, and a two-day agenda.
 */
async function seedSummit(app: INestApplicationContext, people: { user: User; organisation: Organisation; role: DelegationRole; timeZone: string }[]): Promise<void> {
  const summits = app.get(SummitsService);
  const participation = app.get(ParticipationService);
  const sessions = app.get(SessionsService);
  const admin = people.find((p) => p.user.platformRole === PlatformRole.HostAdmin)!;
  const principal: Principal = { userId: admin.user.id, sessionId: 'demo-seed', email: admin.user.email, platformRole: PlatformRole.HostAdmin };
  const host = admin.organisation;

  const today = new Date();
  const day0 = Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), today.getUTCDate() + 21);
  const at = (day: number, hourUtc: number) => new Date(day0 + day * DAY + hourUtc * HOUR);
  const summit = await summits.create({
    title: 'Progress summit of the Call to Action',
    description: 'Two years on, supporters of the call to action review what has been done against terrorist and violent extremist content online.',
    hostOrganisationId: host.id,
    timeZone: 'Europe/Paris',
    startsAt: at(0, 6),
    endsAt: at(1, 22),
    agendaVisibility: Visibility.Public,
  });
  // The seed acts as the host administrator, with the context a route would give them.
  const ctx = await app.get(SummitAccessService).host(principal, summit.id);

  const organisations = [...new Map(people.map((p) => [p.organisation.id, p])).values()];
  for (const { organisation, timeZone } of organisations) {
    await participation.add(ctx, { organisationId: organisation.id, status: ParticipationStatus.Confirmed, timeZone });
  }
  for (const person of people) {
    const role =
      person.user.platformRole === PlatformRole.Secretariat
        ? SummitRole.Secretariat
        : person.organisation.id === host.id && person.role === DelegationRole.Leader
          ? SummitRole.Chair
          : person.role === DelegationRole.Leader
            ? SummitRole.HeadOfDelegation
            : SummitRole.Delegate;
    const organisationId = role === SummitRole.Chair || role === SummitRole.Secretariat ? undefined : person.organisation.id;
    await participation.setMember(ctx, person.user.id, { role, organisationId, isProxy: person.role === DelegationRole.Delegate });
  }

  const chair = people.find((p) => p.organisation.id === host.id && p.role === DelegationRole.Leader)!.user.id;
  const nz = organisations.find((o) => o.organisation.countryCode === 'NZ')!.organisation.id;
  // Evening in Paris is morning in Auckland and midday in Washington: the fairest hour for a leaders' call.
  const agenda: { kind: SessionKind; title: string; start: Date; hours: number; room?: string; organisationIds?: string[] }[] = [
    { kind: SessionKind.Plenary, title: 'Opening plenary: leaders’ statements', start: at(0, 19), hours: 2, room: 'Plenary room' },
    { kind: SessionKind.Bilateral, title: 'France – New Zealand co-founders’ meeting', start: at(0, 18), hours: 0.5, room: 'Salon 1', organisationIds: [host.id, nz] },
    { kind: SessionKind.Breakout, title: 'Crisis response protocol', start: at(1, 8), hours: 1.5, room: 'Breakout A' },
    { kind: SessionKind.Breakout, title: 'Transparency reporting', start: at(1, 8), hours: 1.5, room: 'Breakout B', organisationIds: organisations.filter((o) => o.organisation.kind !== 'state').map((o) => o.organisation.id) },
    { kind: SessionKind.Break, title: 'Break', start: at(1, 9.5), hours: 0.5 },
    { kind: SessionKind.SigningCeremony, title: 'Signing of the progress declaration', start: at(1, 19), hours: 1, room: 'Plenary room' },
    { kind: SessionKind.Press, title: 'Press conference', start: at(1, 20.25), hours: 0.75, room: 'Press room' },
  ];
  for (const item of agenda) {
    await sessions.create(ctx, {
      kind: item.kind,
      title: item.title,
      startsAt: item.start,
      endsAt: new Date(item.start.getTime() + item.hours * HOUR),
      room: item.room,
      chairIds: item.kind === SessionKind.Plenary || item.kind === SessionKind.SigningCeremony ? [chair] : [],
      organisationIds: item.organisationIds,
      speechSeconds: item.kind === SessionKind.Plenary ? 180 : undefined,
      speakersOrder: item.kind === SessionKind.Plenary ? 'protocol' : undefined,
      override: item.kind === SessionKind.Breakout || item.kind === SessionKind.Bilateral,
    });
  }
  await summits.changeStatus(ctx, SummitStatus.Announced);
}
