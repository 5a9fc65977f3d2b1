import { startTestApp, TEST_PASSWORD, TestApp } from '../support/app';
import { next, TestSockets } from '../support/sockets';

function refreshCookie(res: { headers: Record<string, unknown> }): string | undefined {
  const cookies = ([] as string[]).concat((res.headers['set-cookie'] as string[] | undefined) ?? []);
  return cookies.find((c) => c.startsWith('plenary_refresh='));
}

/** The grace after an exchange during which the same browser may present a refresh token again. */
const GRACE_SECONDS = 2;
const pastTheGrace = () => new Promise((resolve) => setTimeout(resolve, GRACE_SECONDS * 1000 + 200));

describe('Sign-in, sessions and refresh tokens', () => {
  let t: TestApp;
  const sockets = new TestSockets(() => t.url);

  beforeAll(async () => {
    t = await startTestApp({ LOGIN_LIMIT_PER_ACCOUNT: '3', LOGIN_LIMIT_PER_ADDRESS: '1000', REFRESH_GRACE_SECONDS: String(GRACE_SECONDS) });
  });
  afterAll(async () => {
    sockets.closeAll();
    await t.close();
  });

  it('signs in with e-mail and password and sets an httpOnly, SameSite=Strict refresh cookie', async () => {
    await t.createUser({ email: 'Sherpa@Example.org', password: TEST_PASSWORD });
    const res = await t.http.post('/api/auth/login').send({ email: 'sherpa@example.org', password: TEST_PASSWORD }).expect(200);
    expect(res.body.accessToken).toEqual(expect.any(String));
    expect(res.body.expiresIn).toBe(900);
    expect(res.body.user).toMatchObject({ email: 'sherpa@example.org', platformRole: 'participant' });
    expect(res.body.user).not.toHaveProperty('passwordHash');
    expect(res.body).not.toHaveProperty('refreshToken');
    const cookie = refreshCookie(res)!;
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Strict/i);
    expect(cookie).toMatch(/Path=\/api\/auth/);
  });

  it('refuses a wrong password with INVALID_CREDENTIALS and the same answer for an unknown account', async () => {
    await t.createUser({ email: 'wrong@example.org', password: TEST_PASSWORD });
    const wrong = await t.http.post('/api/auth/login').send({ email: 'wrong@example.org', password: 'not the password' }).expect(401);
    const unknown = await t.http.post('/api/auth/login').send({ email: 'nobody@example.org', password: 'not the password' }).expect(401);
    expect(wrong.body).toEqual({ statusCode: 401, code: 'INVALID_CREDENTIALS', message: expect.any(String) });
    expect(unknown.body).toEqual(wrong.body);
  });

  it('answers a malformed sign-in request with 400', async () => {
    const res = await t.http.post('/api/auth/login').send({ email: 'not-an-email', password: 'x' }).expect(400);
    expect(res.body.code).toBe('VALIDATION_FAILED');
    await t.http.post('/api/auth/login').send({ email: 'a@example.org', password: 'x', extra: 1 }).expect(400);
  });

  it('makes further attempts on an account wait after its free failures, with a clear 429 and Retry-After', async () => {
    await t.createUser({ email: 'target@example.org', password: TEST_PASSWORD });
    for (let i = 0; i < 3; i++) {
      await t.http.post('/api/auth/login').send({ email: 'target@example.org', password: 'guess ' + i }).expect(401);
    }
    const res = await t.http.post('/api/auth/login').send({ email: 'target@example.org', password: TEST_PASSWORD }).expect(429);
    expect(res.body).toEqual({ statusCode: 429, code: 'TOO_MANY_ATTEMPTS', message: 'Too many sign-in attempts; try again in 1 s', retryAfterSeconds: 1 });
    expect(res.headers['retry-after']).toBe('1');

    // The wait is short at first: the real user gets in once it is over.
    await new Promise((resolve) => setTimeout(resolve, 1_100));
    await t.signIn('target@example.org', TEST_PASSWORD);
  });

  it('refuses parallel guesses at one account beyond its free failures', async () => {
    await t.createUser({ email: 'parallel@example.org', password: TEST_PASSWORD });

    const answers = await Promise.all(
      Array.from({ length: 8 }, (_, i) => t.http.post('/api/auth/login').send({ email: 'parallel@example.org', password: `guess ${i}` })),
    );

    expect(answers.map((res) => res.status).sort()).toEqual([401, 401, 401, 429, 429, 429, 429, 429]);
  });

  it('rotates the refresh token, and an old token replayed after the grace ends the whole session', async () => {
    await t.createUser({ email: 'rotate@example.org', password: TEST_PASSWORD });
    const first = await t.signIn('rotate@example.org', TEST_PASSWORD);

    const refreshed = await t.http.post('/api/auth/refresh').set('Cookie', first.cookie).expect(200);
    const second = refreshCookie(refreshed)!.split(';')[0];
    expect(second).not.toBe(first.cookie);
    await t.http.get('/api/me').set('Authorization', `Bearer ${refreshed.body.accessToken}`).expect(200);

    await pastTheGrace();
    const replay = await t.http.post('/api/auth/refresh').set('Cookie', first.cookie).expect(401);
    expect(replay.body.code).toBe('REFRESH_TOKEN_REUSED');
    // The family is revoked: the newest token and the live access token stop working too.
    const after = await t.http.post('/api/auth/refresh').set('Cookie', second).expect(401);
    expect(after.body.code).toBe('SESSION_REVOKED');
    await t.http.get('/api/me').set('Authorization', `Bearer ${refreshed.body.accessToken}`).expect(401);
  });

  it('gives tabs refreshing one cookie at once the same new cookie, and keeps the session', async () => {
    await t.createUser({ email: 'tabs@example.org', password: TEST_PASSWORD });
    const signedIn = await t.signIn('tabs@example.org', TEST_PASSWORD);
    const browser = 'Mozilla/5.0 (X11; Linux x86_64; rv:140.0) Gecko/20100101 Firefox/140.0';

    const tabs = await Promise.all([1, 2, 3].map(() => t.http.post('/api/auth/refresh').set('Cookie', signedIn.cookie).set('User-Agent', browser)));

    expect(tabs.map((res) => res.status)).toEqual([200, 200, 200]);
    const cookies = tabs.map((res) => refreshCookie(res)!.split(';')[0]);
    expect(new Set(cookies).size).toBe(1);
    expect(cookies[0]).not.toBe(signedIn.cookie);
    for (const tab of tabs) await t.http.get('/api/me').set('Authorization', `Bearer ${tab.body.accessToken}`).expect(200);
    const sessions = await t.http.get('/api/auth/sessions').set('Authorization', `Bearer ${tabs[0].body.accessToken}`).expect(200);
    expect(sessions.body).toEqual([expect.objectContaining({ current: true, userAgent: browser })]);
    // The cookie they share goes on rotating.
    const next = await t.http.post('/api/auth/refresh').set('Cookie', cookies[0]).set('User-Agent', browser).expect(200);

    await pastTheGrace();
    const replay = await t.http.post('/api/auth/refresh').set('Cookie', signedIn.cookie).set('User-Agent', browser).expect(401);
    expect(replay.body.code).toBe('REFRESH_TOKEN_REUSED');
    await t.http.get('/api/me').set('Authorization', `Bearer ${next.body.accessToken}`).expect(401);
  });

  it('treats an old token as reuse within the grace once its successor has been exchanged, or from another browser', async () => {
    await t.createUser({ email: 'stale@example.org', password: TEST_PASSWORD });
    const one = await t.signIn('stale@example.org', TEST_PASSWORD);
    const two = await t.signIn('stale@example.org', TEST_PASSWORD);
    const firefox = 'Mozilla/5.0 (X11; Linux x86_64; rv:140.0) Gecko/20100101 Firefox/140.0';

    const successor = await t.http.post('/api/auth/refresh').set('Cookie', one.cookie).set('User-Agent', firefox).expect(200);
    await t.http.post('/api/auth/refresh').set('Cookie', refreshCookie(successor)!.split(';')[0]).set('User-Agent', firefox).expect(200);
    const stale = await t.http.post('/api/auth/refresh').set('Cookie', one.cookie).set('User-Agent', firefox).expect(401);
    expect(stale.body.code).toBe('REFRESH_TOKEN_REUSED');

    await t.http.post('/api/auth/refresh').set('Cookie', two.cookie).set('User-Agent', firefox).expect(200);
    const elsewhere = await t.http.post('/api/auth/refresh').set('Cookie', two.cookie).set('User-Agent', 'curl/8.14.1').expect(401);
    expect(elsewhere.body.code).toBe('REFRESH_TOKEN_REUSED');
    await t.http.get('/api/me').set(two.auth).expect(401);
  });

  it('refuses refresh without a cookie or with a forged one', async () => {
    await t.http.post('/api/auth/refresh').expect(401);
    const forged = await t.http.post('/api/auth/refresh').set('Cookie', 'plenary_refresh=00000000-0000-0000-0000-000000000000.forged').expect(401);
    expect(forged.body.code).toBe('REFRESH_TOKEN_INVALID');
  });

  it('lists one’s own sessions and revokes another device at once', async () => {
    await t.createUser({ email: 'devices@example.org', password: TEST_PASSWORD });
    const laptop = await t.signIn('devices@example.org', TEST_PASSWORD);
    const phone = await t.signIn('devices@example.org', TEST_PASSWORD);

    const list = await t.http.get('/api/auth/sessions').set(laptop.auth).expect(200);
    expect(list.body).toHaveLength(2);
    expect(list.body.filter((s: { current: boolean }) => s.current)).toHaveLength(1);
    const phoneSession = list.body.find((s: { current: boolean }) => !s.current);

    await t.http.delete(`/api/auth/sessions/${phoneSession.id}`).set(laptop.auth).expect(204);
    await t.http.get('/api/me').set(phone.auth).expect(401);
    await t.http.post('/api/auth/refresh').set('Cookie', phone.cookie).expect(401);
    await t.http.get('/api/me').set(laptop.auth).expect(200);
  });

  it('signs out of all other devices at once, their live connections included, and keeps this one', async () => {
    await t.createUser({ email: 'everywhere@example.org', password: TEST_PASSWORD });
    const laptop = await t.signIn('everywhere@example.org', TEST_PASSWORD);
    const phone = await t.signIn('everywhere@example.org', TEST_PASSWORD);
    const tablet = await t.signIn('everywhere@example.org', TEST_PASSWORD);
    const phoneSocket = await sockets.connect('/live', phone.accessToken);
    const laptopSocket = await sockets.connect('/live', laptop.accessToken);
    const ended = next<{ code: string }>(phoneSocket, 'session.ended', 3000);

    const res = await t.http.post('/api/auth/sessions/revoke-others').set(laptop.auth).expect(200);

    expect(res.body).toEqual({ revoked: 2 });
    await expect(ended).resolves.toMatchObject({ code: 'SESSION_ENDED' });
    await t.http.get('/api/me').set(phone.auth).expect(401);
    await t.http.post('/api/auth/refresh').set('Cookie', tablet.cookie).expect(401);
    await t.http.get('/api/me').set(laptop.auth).expect(200);
    expect(laptopSocket.connected).toBe(true);
    const left = await t.http.get('/api/auth/sessions').set(laptop.auth).expect(200);
    expect(left.body).toEqual([expect.objectContaining({ current: true })]);
    await expect(t.http.post('/api/auth/sessions/revoke-others').set(laptop.auth).expect(200)).resolves.toMatchObject({ body: { revoked: 0 } });

    const admin = await t.signIn('admin@plenary.test', TEST_PASSWORD);
    const audit = await t.http.get(`/api/audit-events?type=session.others_revoked&actorId=${laptop.userId}`).set(admin.auth).expect(200);
    expect(audit.body).toEqual([expect.objectContaining({ details: { count: 2 } })]);
  });

  it('does not reveal or revoke another user’s session', async () => {
    await t.createUser({ email: 'alice@example.org', password: TEST_PASSWORD });
    await t.createUser({ email: 'mallory@example.org', password: TEST_PASSWORD });
    const alice = await t.signIn('alice@example.org', TEST_PASSWORD);
    const mallory = await t.signIn('mallory@example.org', TEST_PASSWORD);
    const aliceSessions = await t.http.get('/api/auth/sessions').set(alice.auth).expect(200);
    await t.http.delete(`/api/auth/sessions/${aliceSessions.body[0].id}`).set(mallory.auth).expect(404);
    await t.http.get('/api/me').set(alice.auth).expect(200);
  });

  it('signs out: the session ends and the cookie is cleared', async () => {
    await t.createUser({ email: 'leave@example.org', password: TEST_PASSWORD });
    const client = await t.signIn('leave@example.org', TEST_PASSWORD);
    const res = await t.http.post('/api/auth/logout').set(client.auth).expect(204);
    expect(refreshCookie(res)).toMatch(/plenary_refresh=;/);
    await t.http.get('/api/me').set(client.auth).expect(401);
    await t.http.post('/api/auth/refresh').set('Cookie', client.cookie).expect(401);
  });

  it('changes the password and ends every other session', async () => {
    await t.createUser({ email: 'change@example.org', password: TEST_PASSWORD });
    const here = await t.signIn('change@example.org', TEST_PASSWORD);
    const elsewhere = await t.signIn('change@example.org', TEST_PASSWORD);
    const newPassword = 'a much longer new passphrase';

    const wrong = await t.http.post('/api/auth/password').set(here.auth).send({ currentPassword: 'nope', newPassword }).expect(401);
    expect(wrong.body.code).toBe('INVALID_CREDENTIALS');
    await t.http.post('/api/auth/password').set(here.auth).send({ currentPassword: TEST_PASSWORD, newPassword: 'short' }).expect(400);

    await t.http.post('/api/auth/password').set(here.auth).send({ currentPassword: TEST_PASSWORD, newPassword }).expect(204);
    await t.http.get('/api/me').set(here.auth).expect(200);
    await t.http.get('/api/me').set(elsewhere.auth).expect(401);
    await t.http.post('/api/auth/login').send({ email: 'change@example.org', password: TEST_PASSWORD }).expect(401);
    await t.signIn('change@example.org', newPassword);
  });

  it('updates one’s own profile and validates the time zone', async () => {
    await t.createUser({ email: 'profile@example.org', password: TEST_PASSWORD });
    const client = await t.signIn('profile@example.org', TEST_PASSWORD);
    const res = await t.http.patch('/api/me').set(client.auth).send({ displayName: ' Ana ', locale: 'fr', timeZone: 'Pacific/Auckland' }).expect(200);
    expect(res.body).toMatchObject({ displayName: 'Ana', locale: 'fr', timeZone: 'Pacific/Auckland' });
    const bad = await t.http.patch('/api/me').set(client.auth).send({ timeZone: 'Mars/Olympus_Mons' }).expect(400);
    expect(bad.body.message).toMatch(/time zone/);
    await t.http.patch('/api/me').set(client.auth).send({ platformRole: 'host_admin' }).expect(400);
  });

  it('keeps the language chosen in the header in the profile, among those Plenary speaks', async () => {
    await t.createUser({ email: 'langue@example.org', password: TEST_PASSWORD });
    const client = await t.signIn('langue@example.org', TEST_PASSWORD);
    expect((await t.http.get('/api/me').set(client.auth).expect(200)).body.locale).toBe('en');

    await t.http.patch('/api/me').set(client.auth).send({ locale: 'fr' }).expect(200);

    expect((await t.http.get('/api/me').set(client.auth).expect(200)).body.locale).toBe('fr');
    const refused = await t.http.patch('/api/me').set(client.auth).send({ locale: 'de' }).expect(400);
    expect(refused.body).toMatchObject({ code: 'VALIDATION_FAILED', message: expect.stringContaining('locale') });
    const later = await t.signIn('langue@example.org', TEST_PASSWORD);
    expect((await t.http.get('/api/me').set(later.auth).expect(200)).body.locale).toBe('fr');
  });

  it('records security events in the audit log, readable by host administrators only', async () => {
    const admin = await t.signIn('admin@plenary.test', TEST_PASSWORD);
    const res = await t.http.get('/api/audit-events?type=login.failed&limit=200').set(admin.auth).expect(200);
    expect(res.body.length).toBeGreaterThanOrEqual(5);
    expect(res.body[0]).toMatchObject({ type: 'login.failed', details: { email: expect.any(String) } });
    expect(JSON.stringify(res.body)).not.toContain('not the password');
    const reuse = await t.http.get('/api/audit-events?type=refresh_token.reused').set(admin.auth).expect(200);
    expect(reuse.body).toHaveLength(4);
    const throttled = await t.http.get('/api/audit-events?type=login.throttled').set(admin.auth).expect(200);
    expect(throttled.body.length).toBeGreaterThanOrEqual(6);

    await t.createUser({ email: 'curious@example.org', password: TEST_PASSWORD });
    const participant = await t.signIn('curious@example.org', TEST_PASSWORD);
    await t.http.get('/api/audit-events').set(participant.auth).expect(403);
  });
});
