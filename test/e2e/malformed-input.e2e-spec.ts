import { SummitSession } from '@plenary/summits';
import type { Socket } from 'socket.io-client';
import { RecordingLogger } from '../support/logs';
import { SignedInClient, startTestApp, TEST_PASSWORD, TestApp } from '../support/app';
import { emit, jsonParser, RawJson, TestSockets } from '../support/sockets';

/** JSON text of `levels` objects nested in one another, and of as many arrays (no JSON.stringify survives 5,000 levels). */
const deepObject = (levels: number) => '{"a":'.repeat(levels) + '1' + '}'.repeat(levels);
const deepArray = (levels: number) => '['.repeat(levels) + ']'.repeat(levels);

const UNKNOWN_ID = '00000000-0000-4000-8000-000000000000';

describe('Malformed input', () => {
  const logs = new RecordingLogger();
  let t: TestApp;
  let admin: SignedInClient;
  let delegate: SignedInClient;
  const org: Record<string, string> = {};
  let summitId: string;
  let sessionId: string;
  const sockets = new TestSockets(() => t.url);

  /** A socket that sends payloads as they are, however deep (see `jsonParser`). */
  async function rawSocket(namespace: string, client: SignedInClient): Promise<Socket> {
    const socket = sockets.open(namespace, client.accessToken, { parser: jsonParser });
    await new Promise<void>((resolve, reject) => {
      socket.once('connect', resolve);
      socket.once('connect_error', reject);
    });
    return socket;
  }

  function sendJson(method: 'post' | 'patch', path: string, json: string, client?: SignedInClient) {
    const req = t.http[method](path).set('Content-Type', 'application/json');
    return (client ? req.set(client.auth) : req).send(json);
  }

  beforeAll(async () => {
    t = await startTestApp({}, { logger: logs });
    admin = await t.signIn('admin@plenary.test', TEST_PASSWORD);
    org.fr = await t.createOrganisation({ name: 'France', countryCode: 'FR' });
    org.nz = await t.createOrganisation({ name: 'New Zealand', countryCode: 'NZ' });
    org.unused = await t.createOrganisation({ name: 'Unused', countryCode: 'XU' });
    delegate = await t.joinOrganisation('delegate@nz.example', org.nz);
    summitId = await t.createSummit({
      title: 'Malformed summit',
      hostOrganisationId: org.fr,
      timeZone: 'Europe/Paris',
      startsAt: '2026-05-14T00:00:00Z',
      endsAt: '2026-05-16T00:00:00Z',
      participants: [org.fr, org.nz].map((organisationId) => ({ organisationId, status: 'confirmed', timeZone: 'UTC' })),
      status: 'announced',
    });
    const session = await t.http
      .post(`/api/summits/${summitId}/sessions`)
      .set(admin.auth)
      .send({ kind: 'plenary', title: 'Opening', startsAt: '2026-05-14T08:00:00Z', endsAt: '2026-05-14T09:00:00Z' })
      .expect(201);
    sessionId = session.body.session.id;
    logs.clear();
  });
  afterAll(async () => {
    sockets.closeAll();
    await t.close();
  });

  describe('JSON nested 5,000 levels deep', () => {
    it.each([
      ['objects', deepObject(5000)],
      ['arrays', deepArray(5000)],
      ['objects in a field', `{"email":${deepObject(5000)},"password":"x"}`],
    ])('is refused on anonymous sign-in with 400 naming the problem (%s)', async (_kind, json) => {
      const res = await sendJson('post', '/api/auth/login', json);
      expect(res.status).toBe(400);
      expect(res.body).toEqual({ statusCode: 400, code: 'VALIDATION_FAILED', message: expect.stringMatching(/nests deeper than 32 levels$/) });
    });

    it('is refused on every kind of body route', async () => {
      const json = deepObject(5000);
      const answers = await Promise.all([
        sendJson('patch', '/api/me', json, admin),
        sendJson('post', '/api/summits', json, admin),
        sendJson('patch', `/api/sessions/${sessionId}`, json, admin),
        sendJson('post', '/api/invitations/accept', json),
      ]);
      expect(answers.map((res) => [res.status, res.body.code])).toEqual(Array(4).fill([400, 'VALIDATION_FAILED']));
    });

    it('is refused in every socket event with an error acknowledgement, the connection kept', async () => {
      for (const [namespace, event] of [
        ['/chat', 'summit.follow'],
        ['/chat', 'message.send'],
        ['/live', 'summit.subscribe'],
      ]) {
        const socket = await rawSocket(namespace, delegate);
        await expect(emit(socket, event, new RawJson(deepObject(5000)))).resolves.toEqual({
          ok: false,
          error: { code: 'VALIDATION_FAILED', message: expect.stringMatching(/nests deeper than 32 levels$/) },
        });
        await expect(emit(socket, event, new RawJson(`{"summitId":"${summitId}","extra":${deepArray(40)}}`))).resolves.toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED' } });
        expect(socket.connected).toBe(true);
      }
    });
  });

  describe('null in an optional field', () => {
    it.each([
      ['displayName', { displayName: null }],
      ['locale', { locale: null }],
      ['timeZone', { timeZone: null }],
    ])('PATCH /api/me with %s null answers 400', async (_field, body) => {
      const res = await t.http.patch('/api/me').set(admin.auth).send(body);
      expect([res.status, res.body.code]).toEqual([400, 'VALIDATION_FAILED']);
    });

    it('is refused on summits, participants and sessions', async () => {
      const answers = await Promise.all([
        t.http.patch(`/api/summits/${summitId}`).set(admin.auth).send({ title: null }),
        t.http.patch(`/api/summits/${summitId}`).set(admin.auth).send({ description: null }),
        t.http.patch(`/api/summits/${summitId}`).set(admin.auth).send({ startsAt: null }),
        t.http.patch(`/api/summits/${summitId}/participants/${org.nz}`).set(admin.auth).send({ status: null }),
        t.http.patch(`/api/summits/${summitId}/participants/${org.nz}`).set(admin.auth).send({ timeZone: null }),
        t.http.patch(`/api/sessions/${sessionId}`).set(admin.auth).send({ title: null }),
        t.http.patch(`/api/sessions/${sessionId}`).set(admin.auth).send({ description: null }),
        t.http.patch(`/api/organisations/${org.nz}`).set(admin.auth).send({ name: null }),
        t.http.put(`/api/summits/${summitId}/members/${delegate.userId}`).set(admin.auth).send({ role: 'delegate', organisationId: null }),
      ]);
      expect(answers.map((res) => [res.status, res.body.code])).toEqual(Array(9).fill([400, 'VALIDATION_FAILED']));
    });

    it('is taken as "none" where the field is documented as nullable', async () => {
      const res = await t.http.patch(`/api/sessions/${sessionId}`).set(admin.auth).send({ room: null, speechSeconds: null }).expect(200);
      expect(res.body.session).toMatchObject({ room: null, speechSeconds: null });
    });
  });

  describe('strings that are not what they seem', () => {
    it('refuses a lone surrogate in an e-mail address on sign-in', async () => {
      const res = await sendJson('post', '/api/auth/login', '{"email":"delegate\\ud800@nz.example","password":"x"}');
      expect(res.body).toEqual({ statusCode: 400, code: 'VALIDATION_FAILED', message: 'body.email contains an unpaired UTF-16 surrogate' });
    });

    it.each([
      ['email', '{"email":{"constructor":"x"},"password":"x"}', 'body.email has a key "constructor", which is never accepted'],
      ['password', '{"email":"a@example.org","password":{"constructor":1}}', 'body.password has a key "constructor", which is never accepted'],
      ['the body', '{"__proto__":{"admin":true},"email":"a@example.org","password":"x"}', 'body has a key "__proto__", which is never accepted'],
    ])('refuses an object with a prototype key in %s', async (_where, json, message) => {
      const res = await sendJson('post', '/api/auth/login', json);
      expect(res.body).toEqual({ statusCode: 400, code: 'VALIDATION_FAILED', message });
    });

    it('refuses a prototype key or a NUL in a query string', async () => {
      const keyed = await t.http.get('/api/users?constructor=x').set(admin.auth);
      expect([keyed.status, keyed.body.message]).toEqual([400, 'query has a key "constructor", which is never accepted']);
      const nul = await t.http.get(`/api/summits/${summitId}/agenda?zone=UTC%00`).set(admin.auth);
      expect([nul.status, nul.body.message]).toEqual([400, 'query.zone contains a NUL character']);
    });

    it('answers a path that is not percent-encoded UTF-8 as one that names nothing', async () => {
      for (const path of ['/api/users/%FF', '/api/summits/%E0%A4%A/participants', `/api/summits/${summitId}/members/%C0%80`]) {
        const res = await t.http.get(path).set(admin.auth);
        expect([path, res.status, res.body.code]).toEqual([path, 404, 'NOT_FOUND']);
      }
    });
  });

  describe('control characters', () => {
    it.each([
      ['CR LF in a session title', () => t.http.patch(`/api/sessions/${sessionId}`).set(admin.auth).send({ title: 'Opening\r\nSubject: forged' })],
      ['a tab in a summit title', () => t.http.patch(`/api/summits/${summitId}`).set(admin.auth).send({ title: 'Summit\tone' })],
      ['a right-to-left override in a display name', () => t.http.patch('/api/me').set(admin.auth).send({ displayName: 'Admin\u202Enimda' })],
      ['a NUL in a description', () => t.http.patch(`/api/summits/${summitId}`).set(admin.auth).send({ description: 'Agenda\u0000' })],
      ['a line break in a reason', () => t.http.post(`/api/sessions/${sessionId}/postpone`).set(admin.auth).send({ reason: 'Weather\nBcc: everyone' })],
      ['an escape sequence in an organisation name', () => t.http.patch(`/api/organisations/${org.nz}`).set(admin.auth).send({ name: 'New Zealand\u001b[2J' })],
      ['a line break in a room', () => t.http.patch(`/api/sessions/${sessionId}`).set(admin.auth).send({ room: 'Hall\nB' })],
    ])('refuses %s', async (_case, call) => {
      const res = await call();
      expect([res.status, res.body.code]).toEqual([400, 'VALIDATION_FAILED']);
    });

    it('keeps the line breaks and tabs of a description, and refuses them in a chat message only when they are other controls', async () => {
      const res = await t.http.patch(`/api/summits/${summitId}`).set(admin.auth).send({ description: 'Day one:\r\n\tplenary' }).expect(200);
      expect(res.body.description).toBe('Day one:\n\tplenary');
      const socket = await rawSocket('/chat', delegate);
      const { channels } = (await emit<{ channels: { id: string; kind: string }[] }>(socket, 'summit.follow', { summitId })) as { channels: { id: string; kind: string }[] };
      const lobby = channels.find((c) => c.kind === 'lobby')!.id;
      await expect(emit(socket, 'message.send', { channelId: lobby, clientMessageId: 'multi-line', body: 'First point\n\tsecond' })).resolves.toMatchObject({ ok: true });
      await expect(emit(socket, 'message.send', { channelId: lobby, clientMessageId: 'bell', body: 'Ring\u0007' })).resolves.toMatchObject({
        ok: false,
        error: { code: 'VALIDATION_FAILED', message: 'body must not contain control characters other than line breaks and tabs' },
      });
    });

    it('answers an unknown calendar address with a JSON error, not as a calendar', async () => {
      const res = await t.http.get(`/api/public/calendar/${'x'.repeat(30)}.ics`);
      expect(res.status).toBe(404);
      expect(res.headers['content-type']).toMatch(/^application\/json/);
      expect(res.body).toMatchObject({ code: 'NOT_FOUND' });
    });

    it('writes no NUL or other control into the calendar feed, even from a title stored before these rules', async () => {
      // PostgreSQL cannot store NUL in text at all; SQLite can, so only there does an old title hold one.
      const stored = t.dataSource.options.type === 'postgres' ? 'Opening\u0007 plenary\u001b' : 'Opening\u0000 plenary\u001b';
      await t.dataSource.getRepository(SummitSession).update({ id: sessionId }, { title: stored });
      const res = await t.http.get(`/api/summits/${summitId}/calendar.ics`).set(admin.auth).buffer(true).parse((r, done) => {
        let text = '';
        r.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
        r.on('end', () => done(null, text));
      });
      expect(res.status).toBe(200);
      expect(res.body).toContain('SUMMARY:Opening plenary');
      // eslint-disable-next-line no-control-regex -- control characters are what this matches
      expect(res.body).not.toMatch(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/);
    });
  });

  describe('values out of range', () => {
    it.each([
      ['a number for a date', { startsAt: 0, endsAt: '2026-05-16T00:00:00Z' }],
      ['a date that does not exist', { startsAt: '2026-02-30T00:00:00Z', endsAt: '2026-05-16T00:00:00Z' }],
      ['a date beyond year 9999', { startsAt: '+275760-09-13T00:00:00Z' }],
    ])('refuses %s', async (_case, body) => {
      const res = await t.http.patch(`/api/summits/${summitId}`).set(admin.auth).send(body);
      expect([res.status, res.body.code]).toEqual([400, 'VALIDATION_FAILED']);
    });

    it('refuses integers the database cannot hold, in bodies and query strings', async () => {
      const channels = (await t.http.get(`/api/summits/${summitId}/channels`).set(delegate.auth).expect(200)).body as { id: string }[];
      const read = await t.http.post(`/api/channels/${channels[0].id}/read`).set(delegate.auth).send({ sequence: 1e20 });
      expect([read.status, read.body.code]).toEqual([400, 'VALIDATION_FAILED']);
      const history = await t.http.get(`/api/channels/${channels[0].id}/messages?after=99999999999`).set(delegate.auth);
      expect([history.status, history.body.code]).toEqual([400, 'VALIDATION_FAILED']);
    });
  });

  describe('things that do not exist or are in use', () => {
    it('answers 404 to muting an unknown user', async () => {
      const res = await t.http.put(`/api/summits/${summitId}/chat-mutes`).set(admin.auth).send({ userId: UNKNOWN_ID, minutes: 10 });
      expect([res.status, res.body.code]).toEqual([404, 'USER_NOT_FOUND']);
    });

    it('answers 409 to deleting an organisation that hosts or takes part in a summit, and deletes one that does not', async () => {
      const hosting = await t.http.delete(`/api/organisations/${org.fr}`).set(admin.auth);
      expect([hosting.status, hosting.body.code]).toEqual([409, 'ORGANISATION_IN_USE']);
      await t.http.get(`/api/organisations/${org.fr}`).set(admin.auth).expect(200);
      await t.http.delete(`/api/organisations/${org.unused}`).set(admin.auth).expect(204);
    });
  });

  it('logs no error and no stack trace for any of these', async () => {
    await t.http.get('/health').expect(200);
    expect(logs.problems()).toEqual([]);
  });
});
