import { FirstAdminService, Invitation } from '@plenary/identity';
import { SignedInClient, startTestApp, TEST_PASSWORD, TestApp } from '../support/app';

function linkIn(text: string): URL {
  return new URL(/https?:\/\/\S+/.exec(text)![0]);
}

describe('Invitations', () => {
  let t: TestApp;
  let admin: SignedInClient;
  let organisationId: string;

  beforeAll(async () => {
    t = await startTestApp();
    admin = await t.signIn('admin@plenary.test', TEST_PASSWORD);
    const org = await t.http.post('/api/organisations').set(admin.auth).send({ kind: 'state', name: 'Canada', shortName: 'Canada', countryCode: 'CA' });
    organisationId = org.body.id;
  });
  afterAll(() => t.close());

  async function invite(email: string, delegationRole = 'delegate'): Promise<string> {
    await t.http.post('/api/invitations').set(admin.auth).send({ email, organisationId, delegationRole }).expect(201);
    return t.invitationToken(email);
  }

  it('mails a one-time link and never returns it in the response', async () => {
    const res = await t.http
      .post('/api/invitations')
      .set(admin.auth)
      .send({ email: 'Sherpa@Canada.example', organisationId, delegationRole: 'leader' })
      .expect(201);
    expect(res.body).toMatchObject({ email: 'sherpa@canada.example', organisationName: 'Canada', delegationRole: 'leader', status: 'pending' });
    expect(JSON.stringify(res.body)).not.toMatch(/token/i);
    const [mail] = await t.mailTo('sherpa@canada.example');
    expect(mail.sentAt).not.toBeNull();
    const link = linkIn(mail.textBody);
    expect(link.origin).toBe(t.url);
    expect(link.pathname).toBe('/invitation');
    expect(link.searchParams.get('token')!.length).toBeGreaterThanOrEqual(40);
  });

  it('shows a preview to the link holder and signs them in on acceptance', async () => {
    const token = await invite('delegate@canada.example');
    const preview = await t.http.get('/api/invitations/preview').query({ token }).expect(200);
    expect(preview.body).toMatchObject({ kind: 'invitation', email: 'delegate@canada.example', organisationName: 'Canada', accountExists: false });

    const res = await t.http.post('/api/invitations/accept').send({ token, displayName: 'Owen Fraser', password: TEST_PASSWORD }).expect(200);
    expect(res.body.user).toMatchObject({
      email: 'delegate@canada.example',
      displayName: 'Owen Fraser',
      platformRole: 'participant',
      memberships: [{ organisationId, organisationName: 'Canada', organisationKind: 'state', delegationRole: 'delegate' }],
    });
    expect(res.body.landing).toEqual({ summitId: null, organisationId, summitRole: null });
    expect(String(res.headers['set-cookie'])).toMatch(/plenary_refresh=/);
    await t.http.get('/api/me').set('Authorization', `Bearer ${res.body.accessToken}`).expect(200);

    const again = await t.http.post('/api/invitations/accept').send({ token, displayName: 'Owen', password: TEST_PASSWORD }).expect(404);
    expect(again.body.code).toBe('INVITATION_NOT_FOUND');
  });

  it('refuses an expired link with 410 and creates nothing', async () => {
    const token = await invite('late@canada.example');
    await t.dataSource.getRepository(Invitation).update({ email: 'late@canada.example' }, { expiresAt: new Date(Date.now() - 1000) });
    const res = await t.http.post('/api/invitations/accept').send({ token, displayName: 'Late', password: TEST_PASSWORD }).expect(410);
    expect(res.body.code).toBe('INVITATION_EXPIRED');
    await t.http.get('/api/invitations/preview').query({ token }).expect(410);
    await t.http.post('/api/auth/login').send({ email: 'late@canada.example', password: TEST_PASSWORD }).expect(401);
  });

  it('refuses unknown tokens and weak passwords', async () => {
    await t.http.get('/api/invitations/preview').query({ token: 'x'.repeat(43) }).expect(404);
    await t.http.get('/api/invitations/preview').expect(404);
    const token = await invite('weak@canada.example');
    await t.http.post('/api/invitations/accept').send({ token, displayName: 'Weak', password: 'short' }).expect(400);
    // The link still works after a refused attempt.
    await t.http.get('/api/invitations/preview').query({ token }).expect(200);
  });

  it('revokes an earlier invitation when the same person is invited again, and on request', async () => {
    const first = await invite('twice@canada.example');
    const second = await invite('twice@canada.example', 'advisor');
    await t.http.get('/api/invitations/preview').query({ token: first }).expect(404);
    await t.http.get('/api/invitations/preview').query({ token: second }).expect(200);

    const pending = await t.http.get('/api/invitations?status=pending').set(admin.auth).expect(200);
    const invitation = pending.body.find((i: { email: string }) => i.email === 'twice@canada.example');
    await t.http.delete(`/api/invitations/${invitation.id}`).set(admin.auth).expect(204);
    await t.http.get('/api/invitations/preview').query({ token: second }).expect(404);
    const revoked = await t.http.get('/api/invitations?status=revoked').set(admin.auth).expect(200);
    expect(revoked.body.filter((i: { email: string }) => i.email === 'twice@canada.example')).toHaveLength(2);
  });

  it('adds an existing account to another delegation only with its own password', async () => {
    await t.createUser({ email: 'existing@example.org', password: TEST_PASSWORD });
    const token = await invite('existing@example.org');
    const preview = await t.http.get('/api/invitations/preview').query({ token }).expect(200);
    expect(preview.body.accountExists).toBe(true);
    await t.http.post('/api/invitations/accept').send({ token, displayName: 'X', password: 'a different password' }).expect(401);
    const res = await t.http.post('/api/invitations/accept').send({ token, displayName: 'X', password: TEST_PASSWORD }).expect(200);
    expect(res.body.user.memberships).toHaveLength(1);
  });

  it('invites a pasted list and says what became of each line', async () => {
    await invite('already@canada.example');
    const csv = ['Name,E-mail', '"Tremblay, Marie",marie@canada.example', 'Again,Marie@Canada.example', 'Pending,already@canada.example', 'No address here', 'Admin,admin@plenary.test'].join('\n');

    const res = await t.http.post('/api/invitations/bulk').set(admin.auth).send({ organisationId, delegationRole: 'advisor', locale: 'fr', csv }).expect(200);

    expect(res.body.lines.map((l: { line: number; outcome: string }) => `${l.line} ${l.outcome}`)).toEqual([
      '2 invited',
      '3 duplicate',
      '4 already_invited',
      '5 invalid_address',
      '6 not_allowed',
    ]);
    expect(res.body.counts).toEqual({ invited: 1, alreadyMember: 0, alreadyInvited: 1, duplicate: 1, invalidAddress: 1, notAllowed: 1 });
    const [mail] = await t.mailTo('marie@canada.example');
    expect(mail.subject).toBe('Invitation à rejoindre la délégation Canada sur Plenary');
    const open = await t.http.get(`/api/invitations?status=open&organisationId=${organisationId}`).set(admin.auth).expect(200);
    expect(open.body.find((i: { email: string }) => i.email === 'marie@canada.example')).toMatchObject({ delegationRole: 'advisor', locale: 'fr', status: 'pending', sentCount: 1 });
  });

  it('refuses a list of more than 200 addresses, or a list given two ways', async () => {
    const emails = Array.from({ length: 201 }, (_, i) => `p${i}@canada.example`);
    const long = await t.http.post('/api/invitations/bulk').set(admin.auth).send({ organisationId, delegationRole: 'delegate', emails }).expect(400);
    expect(long.body.code).toBe('VALIDATION_FAILED');
    await t.http.post('/api/invitations/bulk').set(admin.auth).send({ organisationId, delegationRole: 'delegate', emails: ['a@canada.example'], csv: 'b@canada.example' }).expect(400);
    await expect(t.mailTo('p0@canada.example')).resolves.toEqual([]);
  });

  it('resends an unanswered invitation with a new link, and makes the next resend wait longer', async () => {
    const first = await invite('reminded@canada.example');
    const [{ id }] = (await t.http.get('/api/invitations?status=pending').set(admin.auth).expect(200)).body.filter((i: { email: string }) => i.email === 'reminded@canada.example');

    const tooSoon = await t.http.post(`/api/invitations/${id}/resend`).set(admin.auth).expect(429);
    expect(tooSoon.body).toMatchObject({ code: 'INVITATION_RESEND_TOO_SOON', retryAfterSeconds: expect.any(Number) });
    expect(Number(tooSoon.headers['retry-after'])).toBe(tooSoon.body.retryAfterSeconds);
    await t.dataSource.getRepository(Invitation).update({ id }, { lastSentAt: new Date(Date.now() - 60_000) });

    const resent = await t.http.post(`/api/invitations/${id}/resend`).set(admin.auth).expect(200);

    expect(resent.body).toMatchObject({ id, status: 'pending', sentCount: 2 });
    expect(new Date(resent.body.resendableAt).getTime() - new Date(resent.body.lastSentAt).getTime()).toBe(120_000);
    const second = await t.invitationToken('reminded@canada.example');
    expect(second).not.toBe(first);
    await t.http.get('/api/invitations/preview').query({ token: first }).expect(404);
    await t.http.get('/api/invitations/preview').query({ token: second }).expect(200);
    await t.http.post('/api/invitations/00000000-0000-4000-8000-000000000000/resend').set(admin.auth).expect(404);
  });

  it('lets only host administrators invite', async () => {
    await t.createUser({ email: 'plain@example.org', password: TEST_PASSWORD });
    const plain = await t.signIn('plain@example.org', TEST_PASSWORD);
    await t.http.post('/api/invitations').set(plain.auth).send({ email: 'x@example.org', organisationId, delegationRole: 'delegate' }).expect(403);
    await t.http.get('/api/invitations').set(plain.auth).expect(403);
    await t.http.post('/api/invitations/bulk').set(plain.auth).send({ organisationId, delegationRole: 'delegate', emails: ['x@example.org'] }).expect(403);
    await t.http.post('/api/invitations').set(admin.auth).send({ email: 'x@example.org', organisationId, delegationRole: 'king' }).expect(400);
  });
});

describe('First host administrator', () => {
  it('is created from a one-time setup link when no administrator is configured', async () => {
    const t = await startTestApp({ PLENARY_ADMIN_EMAIL: '', PLENARY_ADMIN_PASSWORD: '' });
    try {
      const link = new URL(t.app.get(FirstAdminService).setupLink!);
      expect(link.pathname).toBe('/setup');
      const token = link.searchParams.get('token')!;
      const preview = await t.http.get('/api/invitations/preview').query({ token }).expect(200);
      expect(preview.body).toMatchObject({ kind: 'setup', platformRole: 'host_admin', email: null });

      await t.http.post('/api/invitations/accept').send({ token, displayName: 'Protocol', password: TEST_PASSWORD }).expect(400);
      const res = await t.http
        .post('/api/invitations/accept')
        .send({ token, email: 'protocol@host.example', displayName: 'Protocol Office', password: TEST_PASSWORD })
        .expect(200);
      expect(res.body.user).toMatchObject({ email: 'protocol@host.example', platformRole: 'host_admin' });
      await t.http.post('/api/invitations/accept').send({ token, email: 'again@host.example', displayName: 'Again', password: TEST_PASSWORD }).expect(404);

      // With an administrator present, no new setup link is issued.
      const service = t.app.get(FirstAdminService);
      service.setupLink = null;
      await service.ensureHostAdmin();
      expect(service.setupLink).toBeNull();
    } finally {
      await t.close();
    }
  });
});
