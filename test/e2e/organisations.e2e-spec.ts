import { SignedInClient, startTestApp, TEST_PASSWORD, TestApp } from '../support/app';

describe('Organisations and users administration', () => {
  let t: TestApp;
  let admin: SignedInClient;
  let participant: SignedInClient;
  let secretariat: SignedInClient;

  beforeAll(async () => {
    t = await startTestApp();
    admin = await t.signIn('admin@plenary.test', TEST_PASSWORD);
    await t.createUser({ email: 'delegate@example.org', password: TEST_PASSWORD });
    participant = await t.signIn('delegate@example.org', TEST_PASSWORD);
    await t.createUser({ email: 'secretariat@example.org', password: TEST_PASSWORD, platformRole: 'secretariat' as never });
    secretariat = await t.signIn('secretariat@example.org', TEST_PASSWORD);
  });
  afterAll(() => t.close());

  it('lets a host administrator create organisations of each kind', async () => {
    const state = await t.http
      .post('/api/organisations')
      .set(admin.auth)
      .send({ kind: 'state', name: 'New Zealand', shortName: 'New Zealand', countryCode: 'nz' })
      .expect(201);
    expect(state.body).toMatchObject({ kind: 'state', countryCode: 'NZ' });
    const io = await t.http
      .post('/api/organisations')
      .set(admin.auth)
      .send({ kind: 'international_organisation', name: 'European Commission', shortName: 'EC' })
      .expect(201);
    expect(io.body.countryCode).toBeNull();
    await t.http.post('/api/organisations').set(admin.auth).send({ kind: 'company', name: 'Northwind Video', shortName: 'Northwind' }).expect(201);
    await t.http.post('/api/organisations').set(admin.auth).send({ kind: 'civil_society', name: 'Digital Rights Watch', shortName: 'DRW' }).expect(201);

    const companies = await t.http.get('/api/organisations?kind=company').set(participant.auth).expect(200);
    expect(companies.body.map((o: { name: string }) => o.name)).toEqual(['Northwind Video']);
  });

  it('refuses a state without a country code, an unknown kind and a duplicate name', async () => {
    await t.http.post('/api/organisations').set(admin.auth).send({ kind: 'state', name: 'Atlantis', shortName: 'Atlantis' }).expect(400);
    await t.http.post('/api/organisations').set(admin.auth).send({ kind: 'guild', name: 'Guild', shortName: 'G' }).expect(400);
    const dup = await t.http
      .post('/api/organisations')
      .set(admin.auth)
      .send({ kind: 'state', name: 'New Zealand', shortName: 'NZ', countryCode: 'NZ' })
      .expect(409);
    expect(dup.body.code).toBe('CONFLICT');
  });

  it('lets participants read organisations but not change them', async () => {
    await t.http.get('/api/organisations').set(participant.auth).expect(200);
    const res = await t.http.post('/api/organisations').set(participant.auth).send({ kind: 'company', name: 'X Corp', shortName: 'X' }).expect(403);
    expect(res.body).toEqual({ statusCode: 403, code: 'FORBIDDEN', message: expect.any(String) });
    await t.http.post('/api/organisations').set(secretariat.auth).send({ kind: 'company', name: 'X Corp', shortName: 'X' }).expect(403);
  });

  it('updates and deletes an organisation without members, with 404 for unknown ids', async () => {
    const shortLived = await t.createOrganisation({ kind: 'company', name: 'Short Lived', shortName: 'SL' });
    const updated = await t.http.patch(`/api/organisations/${shortLived}`).set(admin.auth).send({ shortName: 'Brief' }).expect(200);
    expect(updated.body.shortName).toBe('Brief');
    await t.http.delete(`/api/organisations/${shortLived}`).set(admin.auth).expect(204);
    const gone = await t.http.get(`/api/organisations/${shortLived}`).set(admin.auth).expect(404);
    expect(gone.body.code).toBe('ORGANISATION_NOT_FOUND');
    await t.http.get('/api/organisations/not-a-uuid').set(admin.auth).expect(400);
  });

  it('keeps an organisation that still has members', async () => {
    const busyNgo = await t.createOrganisation({ kind: 'civil_society', name: 'Busy NGO', shortName: 'BNGO' });
    await t.joinOrganisation('member@busy.example', busyNgo);

    const res = await t.http.delete(`/api/organisations/${busyNgo}`).set(admin.auth).expect(409);
    expect(res.body.code).toBe('ORGANISATION_IN_USE');
    const members = await t.http.get(`/api/organisations/${busyNgo}/members`).set(secretariat.auth).expect(200);
    expect(members.body).toEqual([expect.objectContaining({ email: 'member@busy.example', delegationRole: 'delegate' })]);
    await t.http.get(`/api/organisations/${busyNgo}/members`).set(participant.auth).expect(403);

    await t.http.delete(`/api/organisations/${busyNgo}/members/${members.body[0].userId}`).set(admin.auth).expect(204);
    await t.http.delete(`/api/organisations/${busyNgo}`).set(admin.auth).expect(204);
  });

  it('lists and searches users for the host side only', async () => {
    const res = await t.http.get('/api/users?search=DELEGATE').set(secretariat.auth).expect(200);
    expect(res.body.map((u: { email: string }) => u.email)).toEqual(['delegate@example.org']);
    expect(JSON.stringify(res.body)).not.toMatch(/passwordHash|scrypt/);
    await t.http.get('/api/users').set(participant.auth).expect(403);
  });

  it('changes platform roles with an audit record, and never removes the last host administrator', async () => {
    const user = await t.createUser({ email: 'promote@example.org', password: TEST_PASSWORD });
    const res = await t.http.patch(`/api/users/${user.id}`).set(admin.auth).send({ platformRole: 'secretariat' }).expect(200);
    expect(res.body.platformRole).toBe('secretariat');
    const audit = await t.http.get('/api/audit-events?type=user.role_changed').set(admin.auth).expect(200);
    expect(audit.body[0]).toMatchObject({ targetId: user.id, actorId: admin.userId, details: { from: 'participant', to: 'secretariat' } });

    const last = await t.http.patch(`/api/users/${admin.userId}`).set(admin.auth).send({ platformRole: 'participant' }).expect(409);
    expect(last.body.code).toBe('CONFLICT');
    await t.http.patch(`/api/users/${user.id}`).set(secretariat.auth).send({ platformRole: 'host_admin' }).expect(403);
  });

  it('disables a user: their sessions end and they cannot sign in', async () => {
    await t.createUser({ email: 'leaver@example.org', password: TEST_PASSWORD });
    const leaver = await t.signIn('leaver@example.org', TEST_PASSWORD);
    await t.http.patch(`/api/users/${leaver.userId}`).set(admin.auth).send({ disabled: true }).expect(200);
    await t.http.get('/api/me').set(leaver.auth).expect(401);
    const login = await t.http.post('/api/auth/login').send({ email: 'leaver@example.org', password: TEST_PASSWORD }).expect(403);
    expect(login.body.code).toBe('ACCOUNT_DISABLED');
    await t.http.patch(`/api/users/${leaver.userId}`).set(admin.auth).send({ disabled: false }).expect(200);
    await t.signIn('leaver@example.org', TEST_PASSWORD);
  });
});
