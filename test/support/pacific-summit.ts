// The summit the browser suites open: hosted by France in Paris, with New
// Zealand's delegation confirmed and its delegates signed in from Auckland,
// twelve hours ahead, so that every page shows two time zones.
import type { SignedInClient, TestApp } from './app';
import { TEST_PASSWORD } from './server';

export interface PacificSummit {
  /** The host administrator. */
  admin: SignedInClient;
  france: string;
  newZealand: string;
  summitId: string;
}

/** Creates "Pacific summit" (24–26 October 2026, Europe/Paris), announced, New Zealand a confirmed participant (Pacific/Auckland). */
export async function createPacificSummit(app: TestApp): Promise<PacificSummit> {
  const admin = await app.signIn('admin@plenary.test', TEST_PASSWORD);
  const france = await app.createOrganisation({ name: 'France', countryCode: 'FR' });
  const newZealand = await app.createOrganisation({ name: 'New Zealand', countryCode: 'NZ' });
  const summitId = await app.createSummit({
    title: 'Pacific summit',
    hostOrganisationId: france,
    timeZone: 'Europe/Paris',
    startsAt: '2026-10-24T06:00:00Z',
    endsAt: '2026-10-26T20:00:00Z',
    participants: [{ organisationId: newZealand, status: 'confirmed', timeZone: 'Pacific/Auckland' }],
    status: 'announced',
  });
  return { admin, france, newZealand, summitId };
}

/** A member of New Zealand's delegation by invitation, with the name others see. */
export async function newZealandDelegate(app: TestApp, summit: PacificSummit, email: string, displayName: string): Promise<SignedInClient> {
  const delegate = await app.joinOrganisation(email, summit.newZealand);
  const renamed = await app.http.patch('/api/me').set(delegate.auth).send({ displayName });
  if (renamed.status !== 200) throw new Error(`naming ${email}: ${renamed.status} ${JSON.stringify(renamed.body)}`);
  return delegate;
}
