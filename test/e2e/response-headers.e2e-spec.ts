import { startTestApp, TEST_PASSWORD, TestApp } from '../support/app';

const NO_STORE = 'no-store';

describe('Caching and transport headers over http', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it('keeps every answer to a signed-in request out of caches', async () => {
    const admin = await t.signIn('admin@plenary.test', TEST_PASSWORD);
    const organisationId = await t.createOrganisation({ name: 'France', countryCode: 'FR' });

    for (const path of ['/api/me', '/api/auth/sessions', '/api/summits', `/api/organisations/${organisationId}`, '/api/audit-events']) {
      const res = await t.http.get(path).set(admin.auth).expect(200);
      expect({ path, cacheControl: res.headers['cache-control'] }).toEqual({ path, cacheControl: NO_STORE });
    }
    const refused = await t.http.get('/api/organisations/00000000-0000-4000-8000-000000000000').set(admin.auth).expect(404);
    expect(refused.headers['cache-control']).toBe(NO_STORE);
  });

  it('keeps sign-in, refresh and their refusals out of caches', async () => {
    await t.createUser({ email: 'sherpa@example.org', password: TEST_PASSWORD });

    const login = await t.http.post('/api/auth/login').send({ email: 'sherpa@example.org', password: TEST_PASSWORD }).expect(200);
    const cookie = ([] as string[]).concat(login.headers['set-cookie'] ?? []).map((c) => c.split(';')[0]).join('; ');
    const refresh = await t.http.post('/api/auth/refresh').set('Cookie', cookie).expect(200);
    const wrong = await t.http.post('/api/auth/login').send({ email: 'sherpa@example.org', password: 'not the password' }).expect(401);
    const anonymous = await t.http.get('/api/me').expect(401);
    const malformed = await t.http.post('/api/auth/login').set('Content-Type', 'application/json').send('{"email":').expect(400);

    for (const res of [login, refresh, wrong, anonymous, malformed]) expect(res.headers['cache-control']).toBe(NO_STORE);
    // Terminus sends its own, as strict.
    expect((await t.http.get('/health').expect(200)).headers['cache-control']).toMatch(/\bno-store\b/);
  });

  it('lets public agendas be kept, checked again on every use', async () => {
    const host = await t.createOrganisation({ name: 'New Zealand', countryCode: 'NZ' });
    const summitId = await t.createSummit({
      title: 'Open summit',
      hostOrganisationId: host,
      timeZone: 'Pacific/Auckland',
      startsAt: '2026-10-24T06:00:00Z',
      endsAt: '2026-10-25T06:00:00Z',
      agendaVisibility: 'public',
      status: 'announced',
    });

    const agenda = await t.http.get(`/api/public/summits/${summitId}/agenda`).expect(200);

    expect(agenda.headers['cache-control']).toBe('public, no-cache');
    expect(agenda.headers.etag).toEqual(expect.any(String));
    await t.http.get(`/api/public/summits/${summitId}/agenda`).set('If-None-Match', agenda.headers.etag).expect(304);

    // A new session changes the agenda's text, and so its tag: the copy a reader holds is no longer current.
    const admin = await t.signIn('admin@plenary.test', TEST_PASSWORD);
    await t.http
      .post(`/api/summits/${summitId}/sessions`)
      .set(admin.auth)
      .send({ kind: 'plenary', title: 'Opening plenary', startsAt: '2026-10-24T19:00:00Z', endsAt: '2026-10-24T20:30:00Z' })
      .expect(201);
    const changed = await t.http.get(`/api/public/summits/${summitId}/agenda`).set('If-None-Match', agenda.headers.etag).expect(200);
    expect(changed.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(changed.headers.etag).not.toBe(agenda.headers.etag);
    expect(changed.body.days.flatMap((day: { sessions: { title: string }[] }) => day.sessions.map((s) => s.title))).toEqual(['Opening plenary']);
  });

  it('leaves the web client’s files to the static server', async () => {
    const page = await t.http.get('/').expect(200);
    const script = /<script[^>]+src="([^"]+\.js)"/.exec(page.text)?.[1];
    expect(script).toMatch(/^\/assets\//);

    const asset = await t.http.get(script!).expect(200);

    expect(page.headers['cache-control']).not.toContain(NO_STORE);
    expect(asset.headers['cache-control']).not.toContain(NO_STORE);
  });

  it('sends no Strict-Transport-Security when PUBLIC_URL is http', async () => {
    const res = await t.http.get('/health').expect(200);

    expect(res.headers['strict-transport-security']).toBeUndefined();
    expect(res.headers['x-content-type-options']).toBe('nosniff');
  });
});

describe('Transport headers behind https', () => {
  it('sends Strict-Transport-Security when PUBLIC_URL is https', async () => {
    const t = await startTestApp({ PUBLIC_URL: 'https://summit.example.org', CORS_ORIGINS: 'https://summit.example.org' });
    try {
      const res = await t.http.get('/health').expect(200);

      expect(res.headers['strict-transport-security']).toMatch(/^max-age=\d+; includeSubDomains$/);
    } finally {
      await t.close();
    }
  });
});
