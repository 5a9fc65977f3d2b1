import { request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
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

  it('compresses large answers to reads, never answers to writes', async () => {
    const admin = await t.signIn('admin@plenary.test', TEST_PASSWORD);
    const host = await t.createOrganisation({ name: 'Canada', countryCode: 'CA' });
    const summitId = await t.createSummit({ title: 'Long summit', hostOrganisationId: host, timeZone: 'America/Toronto', startsAt: '2026-10-24T12:00:00Z', endsAt: '2026-10-25T22:00:00Z' });
    const description = 'Statements by delegations in the order of the speakers list. '.repeat(40);
    const session = { kind: 'plenary', title: 'Opening plenary', startsAt: '2026-10-24T14:00:00Z', endsAt: '2026-10-24T15:00:00Z', description };
    const body = JSON.stringify(session);
    const headers = { ...admin.auth, 'Accept-Encoding': 'br, gzip', 'Content-Type': 'application/json', 'Content-Length': String(Buffer.byteLength(body)) };

    const created = await raw(t.url, `/api/summits/${summitId}/sessions`, headers, 'POST', body);
    expect(created.status).toBe(201);
    expect(created.body.length).toBeGreaterThan(1024);
    expect(created.headers['content-encoding']).toBeUndefined();
    expect(JSON.parse(created.body.toString()).session.description).toBe(description);

    const agenda = await raw(t.url, `/api/summits/${summitId}/agenda`, { ...admin.auth, 'Accept-Encoding': 'br, gzip' });
    expect(agenda.status).toBe(200);
    expect(agenda.headers['content-encoding']).toBe('br');
    expect(agenda.headers.vary).toMatch(/accept-encoding/i);
    expect(agenda.headers['cache-control']).toBe(NO_STORE);
    expect(JSON.parse(brotliDecompressSync(agenda.body).toString()).days[0].sessions[0].description).toBe(description);

    const gzipped = await raw(t.url, `/api/summits/${summitId}/agenda`, { ...admin.auth, 'Accept-Encoding': 'gzip' });
    expect(gzipped.headers['content-encoding']).toBe('gzip');
    expect(JSON.parse(gunzipSync(gzipped.body).toString()).days[0].sessions[0].title).toBe('Opening plenary');

    const plain = await raw(t.url, `/api/summits/${summitId}/agenda`, admin.auth);
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(JSON.parse(plain.body.toString()).days[0].sessions[0].title).toBe('Opening plenary');

    // Small answers are not worth it.
    const me = await raw(t.url, '/api/me', { ...admin.auth, 'Accept-Encoding': 'br, gzip' });
    expect(me.body.length).toBeLessThan(1024);
    expect(me.headers['content-encoding']).toBeUndefined();
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

/** One request with exactly the headers given (supertest would ask for compression and undo it itself). */
function raw(baseUrl: string, path: string, headers: Record<string, string>, method = 'GET', body?: string): Promise<{ status: number; headers: IncomingHttpHeaders; body: Buffer }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(`${baseUrl}${path}`, { method, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(body);
  });
}
