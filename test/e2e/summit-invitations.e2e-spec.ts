import { Invitation } from '@plenary/identity';
import { SignedInClient, startTestApp, TEST_PASSWORD, TestApp } from '../support/app';

interface Group {
  organisation: { organisationId: string; name: string } | null;
  count: number;
  total: number;
  openInvitations: number | null;
  people: { userId: string; displayName: string; email?: string; summitRole: string | null; delegationRole: string | null }[];
}

/**
 * The protocol office of a summit hosted by France (its host administrators)
 * invites people into its delegations by e-mail, one by one or from a pasted
 * list, and its host side follows who has not accepted; those invited land in
 * the summit, named in their delegation; everyone finds the summit's people by
 * delegation.
 */
describe('Summit invitations and delegations', () => {
  let t: TestApp;
  let admin: SignedInClient;
  let chair: SignedInClient;
  let nzHead: SignedInClient;
  const org: Record<string, string> = {};
  let summitId: string;
  let otherSummitId: string;

  async function invite(client: SignedInClient, body: object, status = 201) {
    return t.http.post(`/api/summits/${summitId}/invitations`).set(client.auth).send(body).expect(status);
  }

  async function delegations(client: SignedInClient, q?: string): Promise<{ count: number; total: number; groups: Group[] }> {
    return (await t.http.get(`/api/summits/${summitId}/delegations`).query(q === undefined ? {} : { q }).set(client.auth).expect(200)).body;
  }

  beforeAll(async () => {
    t = await startTestApp();
    admin = await t.signIn('admin@plenary.test', TEST_PASSWORD);
    org.fr = await t.createOrganisation({ name: 'France', countryCode: 'FR' });
    org.nz = await t.createOrganisation({ name: 'Nouvelle-Zélande', shortName: 'NZ', countryCode: 'NZ' });
    org.jp = await t.createOrganisation({ name: 'Japan', countryCode: 'JP' });
    org.xx = await t.createOrganisation({ name: 'Elsewhere', countryCode: 'XE' });
    chair = await t.joinOrganisation('chair@fr.example', org.fr);
    nzHead = await t.joinOrganisation('head@nz.example', org.nz, 'leader');
    const participants = [
      { organisationId: org.fr, status: 'confirmed' as const, timeZone: 'Europe/Paris' },
      { organisationId: org.nz, status: 'confirmed' as const, timeZone: 'Pacific/Auckland' },
      { organisationId: org.jp, status: 'invited' as const, timeZone: 'Asia/Tokyo' },
    ];
    summitId = await t.createSummit({
      title: 'Christchurch Call progress summit',
      hostOrganisationId: org.fr,
      timeZone: 'Europe/Paris',
      startsAt: '2026-05-14T07:00:00Z',
      endsAt: '2026-05-15T17:00:00Z',
      participants,
      status: 'announced',
    });
    otherSummitId = await t.createSummit({ title: 'Other summit', hostOrganisationId: org.fr, timeZone: 'UTC', startsAt: '2026-06-01T00:00:00Z', endsAt: '2026-06-02T00:00:00Z', participants, status: 'announced' });
    await t.http.put(`/api/summits/${summitId}/members/${chair.userId}`).set(admin.auth).send({ role: 'chair', organisationId: org.fr }).expect(200);
    await t.http.put(`/api/summits/${summitId}/members/${nzHead.userId}`).set(admin.auth).send({ role: 'head_of_delegation', organisationId: org.nz }).expect(200);
  });
  afterAll(() => t.close());

  it('lets the protocol office invite into a delegation; the mail names the summit, in the invitee’s language and on the delegation’s clock', async () => {
    const res = await invite(admin, { email: 'Delegate@NZ.example', organisationId: org.nz, locale: 'fr' });

    expect(res.body).toMatchObject({ email: 'delegate@nz.example', organisationId: org.nz, summitId, summitRole: 'delegate', delegationRole: 'delegate', locale: 'fr', timeZone: 'Pacific/Auckland', status: 'pending' });
    expect(JSON.stringify(res.body)).not.toMatch(/token/i);
    const [mail] = await t.mailTo('delegate@nz.example');
    expect(mail.subject).toBe('Invitation : « Christchurch Call progress summit », délégation NZ');
    expect(mail.textBody).toContain('qui s’ouvre le jeudi 14 mai 2026, en tant que délégué de la délégation de Nouvelle-Zélande');
    // New Zealand's clock: UTC+12, or +13 in its summer.
    expect(mail.textBody).toMatch(/jusqu’au \S+ \d+ \S+ \d{4} à \d\d:\d\d \((GMT|UTC)\+1[23]\)/);
  });

  it('lands the invitee who accepts in the summit, named in their delegation', async () => {
    const token = await t.invitationToken('delegate@nz.example');
    const preview = await t.http.get('/api/invitations/preview').query({ token }).expect(200);
    expect(preview.body).toMatchObject({ summitId, summitTitle: 'Christchurch Call progress summit', summitRole: 'delegate', organisationName: 'Nouvelle-Zélande', locale: 'fr' });

    const accepted = await t.http.post('/api/invitations/accept').send({ token, displayName: 'Aroha Ngata', password: TEST_PASSWORD }).expect(200);

    expect(accepted.body.landing).toEqual({ summitId, organisationId: org.nz, summitRole: 'delegate' });
    expect(accepted.body.user).toMatchObject({ locale: 'fr', timeZone: 'Pacific/Auckland', memberships: [expect.objectContaining({ organisationId: org.nz, delegationRole: 'delegate' })] });
    const auth = { Authorization: `Bearer ${accepted.body.accessToken}` };
    await t.http.get(`/api/summits/${summitId}`).set(auth).expect(200);
    const members = await t.http.get(`/api/summits/${summitId}/members`).set(admin.auth).expect(200);
    expect(members.body).toContainEqual(expect.objectContaining({ userId: accepted.body.user.id, role: 'delegate', organisationId: org.nz }));
  });

  it('names an existing account that accepts with its own password, keeping its role in the organisation', async () => {
    const existing = await t.joinOrganisation('minister@nz.example', org.nz, 'leader');
    await invite(admin, { email: 'minister@nz.example', organisationId: org.nz, summitRole: 'observer' });
    const token = await t.invitationToken('minister@nz.example');

    const accepted = await t.http.post('/api/invitations/accept').send({ token, password: TEST_PASSWORD }).expect(200);

    expect(accepted.body.landing).toEqual({ summitId, organisationId: org.nz, summitRole: 'observer' });
    expect(accepted.body.user.memberships).toEqual([expect.objectContaining({ organisationId: org.nz, delegationRole: 'leader' })]);
    const members = await t.http.get(`/api/summits/${summitId}/members`).set(admin.auth).expect(200);
    expect(members.body).toContainEqual(expect.objectContaining({ userId: existing.userId, role: 'observer' }));
    await invite(admin, { email: 'minister@nz.example', organisationId: org.nz }, 409);
  });

  it('invites a pasted list into a delegation and says what became of each address', async () => {
    const res = await t.http
      .post(`/api/summits/${summitId}/invitations/bulk`)
      .set(admin.auth)
      .send({ organisationId: org.jp, summitRole: 'head_of_delegation', emails: ['sherpa@jp.example', 'head@nz.example', 'sherpa@jp.example', 'not-an-address', 'admin@plenary.test'] })
      .expect(200);

    expect(res.body.lines.map((l: { outcome: string }) => l.outcome)).toEqual(['invited', 'already_member', 'duplicate', 'invalid_address', 'not_allowed']);
    const [mail] = await t.mailTo('sherpa@jp.example');
    expect(mail.subject).toBe('Invitation to Christchurch Call progress summit with the Japan delegation');
    expect(mail.textBody).toContain('opening on Thursday 14 May 2026, as head of delegation of the delegation of Japan');
    expect(mail.textBody).toMatch(/until \S+ \d+ \S+ \d{4}, \d\d:\d\d \((GMT|UTC)\+9\)/);
  });

  it('lists who has not accepted yet, and lets the host side resend and revoke only the summit’s own invitations', async () => {
    const open = await t.http.get(`/api/summits/${summitId}/invitations`).query({ status: 'open' }).set(chair.auth).expect(200);
    expect(open.body.map((i: { email: string }) => i.email)).toEqual(['sherpa@jp.example']);
    const [{ id }] = open.body;
    await t.dataSource.getRepository(Invitation).update({ id }, { lastSentAt: new Date(Date.now() - 60_000) });

    await t.http.post(`/api/summits/${otherSummitId}/invitations/${id}/resend`).set(admin.auth).expect(404);
    await t.http.delete(`/api/summits/${otherSummitId}/invitations/${id}`).set(admin.auth).expect(404);
    const resent = await t.http.post(`/api/summits/${summitId}/invitations/${id}/resend`).set(chair.auth).expect(200);
    expect(resent.body).toMatchObject({ id, sentCount: 2, summitRole: 'head_of_delegation' });
    await expect(t.mailTo('sherpa@jp.example')).resolves.toHaveLength(2);
    await t.http.post(`/api/summits/${summitId}/invitations/${id}/resend`).set(chair.auth).expect(429);

    await t.http.delete(`/api/summits/${summitId}/invitations/${id}`).set(chair.auth).expect(204);
    await t.http.get('/api/invitations/preview').query({ token: await t.invitationToken('sherpa@jp.example') }).expect(404);
    const all = await t.http.get(`/api/summits/${summitId}/invitations`).set(chair.auth).expect(200);
    expect(all.body.map((i: { email: string; status: string }) => `${i.email} ${i.status}`).sort()).toEqual([
      'delegate@nz.example accepted',
      'minister@nz.example accepted',
      'sherpa@jp.example revoked',
    ]);
  });

  it('refuses an organisation that does not take part, and a summit not announced yet', async () => {
    const outside = await invite(admin, { email: 'someone@xx.example', organisationId: org.xx }, 400);
    expect(outside.body.code).toBe('VALIDATION_FAILED');
    await invite(admin, { email: 'someone@nz.example', organisationId: org.nz, summitRole: 'chair' }, 400);
    await invite(admin, { email: 'someone@nz.example', organisationId: org.nz, platformRole: 'host_admin' }, 400);
    const draft = await t.createSummit({ title: 'Draft', hostOrganisationId: org.fr, timeZone: 'UTC', startsAt: '2026-07-01T00:00:00Z', endsAt: '2026-07-02T00:00:00Z', participants: [{ organisationId: org.nz, timeZone: 'UTC' }] });
    const refused = await t.http.post(`/api/summits/${draft}/invitations`).set(admin.auth).send({ email: 'someone@nz.example', organisationId: org.nz }).expect(409);
    expect(refused.body.code).toBe('CONFLICT');
    await expect(t.mailTo('someone@nz.example')).resolves.toEqual([]);
  });

  it('keeps invitations for the host side, and making them for host administrators: a chair may not plant people in a delegation', async () => {
    const chairRefused = await invite(chair, { email: 'friend@nz.example', organisationId: org.nz }, 403);
    expect(chairRefused.body.code).toBe('FORBIDDEN');
    await t.http.post(`/api/summits/${summitId}/invitations/bulk`).set(chair.auth).send({ organisationId: org.nz, emails: ['friend@nz.example'] }).expect(403);
    await invite(nzHead, { email: 'friend@nz.example', organisationId: org.nz }, 403);
    await t.http.get(`/api/summits/${summitId}/invitations`).set(nzHead.auth).expect(403);
    await expect(t.mailTo('friend@nz.example')).resolves.toEqual([]);
  });

  it('groups the summit’s people by delegation, named roles first, with counts', async () => {
    const { groups, count, total } = await delegations(nzHead);

    expect(groups.map((g) => [g.organisation?.name, g.people.map((p) => p.displayName), g.total])).toEqual([
      ['France', ['chair'], 1],
      ['Japan', [], 0],
      ['Nouvelle-Zélande', ['head', 'Aroha Ngata', 'minister'], 3],
    ]);
    expect(groups[2].people.map((p) => p.summitRole)).toEqual(['head_of_delegation', 'delegate', 'observer']);
    expect({ count, total }).toEqual({ count: 4, total: 4 });
  });

  it('shows addresses and open invitations to the host side only, and searches addresses for it only', async () => {
    await invite(admin, { email: 'pending@nz.example', organisationId: org.nz });

    const host = await delegations(chair);
    const participant = await delegations(nzHead);

    expect(host.groups.find((g) => g.organisation?.name === 'Nouvelle-Zélande')).toMatchObject({ openInvitations: 1, people: expect.arrayContaining([expect.objectContaining({ email: 'head@nz.example' })]) });
    expect(participant.groups.map((g) => g.openInvitations)).toEqual([null, null, null]);
    expect(JSON.stringify(participant)).not.toMatch(/@(nz|fr)\.example/);
    expect((await delegations(chair, 'head@nz')).count).toBe(1);
    expect((await delegations(nzHead, 'head@nz')).count).toBe(0);
  });

  it('finds people and delegations by name, ignoring case and accents', async () => {
    const byPerson = await delegations(nzHead, 'AROHA');
    expect(byPerson.groups.map((g) => [g.organisation?.name, g.count, g.total])).toEqual([['Nouvelle-Zélande', 1, 3]]);
    expect(byPerson).toMatchObject({ query: 'AROHA', count: 1, total: 4 });
    expect((await delegations(nzHead, 'zelande')).count).toBe(3);
    await t.http.get(`/api/summits/${summitId}/delegations`).query({ q: 'x'.repeat(101) }).set(nzHead.auth).expect(400);
  });
});
