import { INestApplicationContext } from '@nestjs/common';
import { OrganisationsService, PlatformRole, UsersService } from '@plenary/identity';
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
  for (const org of DEMO_ORGANISATIONS) {
    const created = await organisations.create(null, { kind: org.kind, name: org.name, shortName: org.shortName, countryCode: org.countryCode ?? null });
    for (const [index, person] of org.people.entries()) {
      const email = demoEmail(org, index);
      const password = randomBytes(9).toString('base64url');
      const platformRole = person.platformRole ?? PlatformRole.Participant;
      await dataSource.transaction(async (m) => {
        const user = await users.create({ email, password, displayName: person.name, platformRole }, m);
        await organisations.addMember(created.id, user.id, person.role, m);
      });
      accounts.push({ email, password, organisation: org.shortName, role: person.role, platformRole });
    }
  }
  return accounts;
}
