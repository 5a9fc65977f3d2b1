import type { Socket } from 'socket.io-client';
import { SignedInClient, startTestApp, TEST_PASSWORD, TestApp } from '../support/app';
import { Findings } from '../support/fuzz/findings';
import type { FuzzScene, IdKind } from '../support/fuzz/fuzz-values';
import { CallerName, HttpCase, HttpCases, OpenApiDocument, operationsOf } from '../support/fuzz/http-cases';
import { fuzzSeed, Random } from '../support/fuzz/random';
import { SocketCases, socketRequestTargets } from '../support/fuzz/socket-cases';
import { RecordingLogger } from '../support/logs';
import { emit, jsonParser, ok, TestSockets } from '../support/sockets';

/**
 * Every route of the OpenAPI document and every request of every socket
 * namespace, fuzzed on every run: wrong types, null, JSON nested 5,000
 * levels deep, huge strings, lone surrogates, prototype keys, control
 * characters, unknown and malformed ids, odd query values, sent anonymously
 * and by people of different roles. No answer may be a 500, no socket may be
 * closed but by the documented message limit, nothing may log an error or a
 * stack trace, and the server must still serve at the end. Seeded: a failure
 * names its FUZZ_SEED, which draws the same requests again.
 */
const HTTP_REQUESTS = 5000;
const SOCKET_PAYLOADS = 1000;
/** Requests in flight at once: enough to keep the server busy while the database answers. */
const CONCURRENCY = 6;
const MAX_MESSAGE_BYTES = 65_536;

const SUMMIT_START = Date.parse('2026-05-14T00:00:00Z');
const STACK_FRAME = /\n\s+at \S+.*:\d+:\d+/;

describe('Fuzzing every route and socket event', () => {
  const seed = fuzzSeed();
  const logs = new RecordingLogger();
  const sockets = new TestSockets(() => t.url);
  let t: TestApp;
  let scene: FuzzScene;
  const people: Partial<Record<Exclude<CallerName, 'anonymous'>, { email: string; client: SignedInClient }>> = {};

  beforeAll(async () => {
    t = await startTestApp(
      {
        // The limits would answer most attempts with 429 before validation: fuzzing is about what lies behind them.
        LOGIN_LIMIT_PER_ACCOUNT: '100000',
        LOGIN_LIMIT_PER_ADDRESS: '100000',
        SOCKET_EVENTS_PER_SECOND: '10000',
        SOCKET_MAX_MESSAGE_BYTES: String(MAX_MESSAGE_BYTES),
      },
      { logger: logs },
    );
    scene = await setTheScene();
    logs.clear();
  }, 60_000);
  afterAll(async () => {
    sockets.closeAll();
    await t.close();
  });

  /** A summit with a session, a request for the floor, a chat message, a calendar feed and an invitation: every kind of id a route names. */
  async function setTheScene(): Promise<FuzzScene> {
    const admin = await t.signIn('admin@plenary.test', TEST_PASSWORD);
    people.hostAdmin = { email: 'admin@plenary.test', client: admin };
    const fr = await t.createOrganisation({ name: 'France', countryCode: 'FR' });
    const nz = await t.createOrganisation({ name: 'New Zealand', countryCode: 'NZ' });
    const elsewhere = await t.createOrganisation({ name: 'Elsewhere', countryCode: 'XE' });
    people.delegate = { email: 'delegate@nz.example', client: await t.joinOrganisation('delegate@nz.example', nz) };
    people.outsider = { email: 'delegate@xe.example', client: await t.joinOrganisation('delegate@xe.example', elsewhere) };
    const delegate = people.delegate.client;
    const summitId = await t.createSummit({
      title: 'Fuzzed summit',
      hostOrganisationId: fr,
      timeZone: 'Europe/Paris',
      startsAt: new Date(SUMMIT_START).toISOString(),
      endsAt: new Date(SUMMIT_START + 2 * 86_400_000).toISOString(),
      agendaVisibility: 'public',
      participants: [fr, nz].map((organisationId) => ({ organisationId, status: 'confirmed', timeZone: 'UTC' })),
      status: 'announced',
    });
    const session = await t.http
      .post(`/api/summits/${summitId}/sessions`)
      .set(admin.auth)
      .send({ kind: 'plenary', title: 'Opening', startsAt: '2026-05-14T08:00:00Z', endsAt: '2026-05-14T09:00:00Z' })
      .expect(201);
    const sessionId: string = session.body.session.id;
    const floor = await t.http.post(`/api/sessions/${sessionId}/speakers`).set(delegate.auth).send({ organisationId: nz, kind: 'speech' }).expect(200);
    const chat = await sockets.connect('/chat', delegate.accessToken);
    const { channels } = await ok<{ channels: { id: string; kind: string }[] }>(chat, 'summit.follow', { summitId });
    const lobby = channels.find((c) => c.kind === 'lobby')!.id;
    const { message } = await ok<{ message: { id: string } }>(chat, 'message.send', { channelId: lobby, clientMessageId: 'scene', body: 'Hello' });
    chat.disconnect();
    const feed = await t.http.post('/api/calendar-feeds').set(delegate.auth).send({ summitId }).expect(201);
    const invitation = await t.http.post('/api/invitations').set(admin.auth).send({ email: 'invitee@example.org', organisationId: nz, delegationRole: 'delegate' }).expect(201);
    const authSessions = (await t.http.get('/api/auth/sessions').set(delegate.auth).expect(200)).body as { id: string }[];
    const ids: Record<IdKind, string[]> = {
      summit: [summitId],
      session: [sessionId],
      channel: channels.map((c) => c.id),
      message: [message.id],
      organisation: [fr, nz, elsewhere],
      user: [admin.userId, delegate.userId, people.outsider.client.userId],
      invitation: [invitation.body.id],
      calendarFeed: [feed.body.id],
      authSession: authSessions.map((s) => s.id),
      speakerEntry: (floor.body.queue as { id: string }[]).map((e) => e.id),
    };
    return {
      ids,
      feedToken: new URL(feed.body.httpUrl).pathname.split('/').pop()!.replace(/\.ics$/, ''),
      instant: (hours) => new Date(SUMMIT_START + hours * 3_600_000).toISOString(),
    };
  }

  /**
   * Signs a person in again when fuzzing ended their sign-in (a sign-out, a
   * new platform role) or disabled their account, so that the run keeps
   * speaking for them.
   */
  async function restore(name: Exclude<CallerName, 'anonymous'>): Promise<void> {
    const person = people[name]!;
    if ((await t.http.get('/api/me').set(person.client.auth)).status === 200) return;
    let attempt = await t.http.post('/api/auth/login').send({ email: person.email, password: TEST_PASSWORD });
    if (attempt.status === 403 && name !== 'hostAdmin') {
      await restore('hostAdmin');
      await t.http.patch(`/api/users/${person.client.userId}`).set(people.hostAdmin!.client.auth).send({ disabled: false }).expect(200);
      attempt = await t.http.post('/api/auth/login').send({ email: person.email, password: TEST_PASSWORD });
    }
    if (attempt.status !== 200) throw new Error(`${name} can no longer sign in (${attempt.status} ${JSON.stringify(attempt.body)}): replay with FUZZ_SEED=${seed}`);
    person.client = { ...person.client, accessToken: attempt.body.accessToken, auth: { Authorization: `Bearer ${attempt.body.accessToken}` } };
  }

  function describeHttp(c: HttpCase): string {
    return `${c.method} ${c.url}${c.body === undefined ? '' : ` (${c.contentType}) ${c.body}`}`;
  }

  async function sendHttp(c: HttpCase, findings: Findings): Promise<number> {
    const headers: Record<string, string> = {};
    if (c.contentType) headers['content-type'] = c.contentType;
    if (c.caller !== 'anonymous') headers.authorization = people[c.caller]!.client.auth.Authorization;
    const res = await fetch(t.url + c.url, { method: c.method, headers, body: c.method === 'GET' ? undefined : c.body, redirect: 'manual' });
    const text = await res.text();
    const finding = (problem: string) => findings.add({ target: c.operation, mutation: c.mutation, caller: c.caller, sent: describeHttp(c), problem });
    if (res.status >= 500) finding(`answered ${res.status}: ${text}`);
    else if (STACK_FRAME.test(text)) finding(`answered with a stack trace: ${text}`);
    else if (res.status >= 400 && (res.headers.get('content-type') ?? '').includes('json')) {
      const body = JSON.parse(text) as { statusCode?: unknown; code?: unknown; message?: unknown };
      if (body.statusCode !== res.status || typeof body.code !== 'string' || typeof body.message !== 'string') finding(`answered ${res.status} without the error shape: ${text}`);
    } else if (res.status >= 400) finding(`answered ${res.status} with ${res.headers.get('content-type')}: ${text}`);
    return res.status;
  }

  it(`answers at least ${HTTP_REQUESTS} fuzzed requests to every route of the OpenAPI document without a 500`, async () => {
    const doc = (await t.http.get('/api/docs-json').expect(200)).body as OpenApiDocument;
    const operations = operationsOf(doc);
    expect(operations.length).toBeGreaterThan(60);
    expect(operations.map((o) => o.name)).toEqual(expect.arrayContaining(['POST /api/auth/login', 'PATCH /api/me', 'PUT /api/summits/{id}/chat-mutes']));

    const r = new Random(seed);
    const generator = new HttpCases(doc, scene, r);
    // Each operation gets as many requests as it has mutations, within bounds, and more all round to reach the total.
    const counts = operations.map((op) => Math.min(120, Math.max(40, generator.mutationCount(op))));
    const extra = Math.max(0, Math.ceil((HTTP_REQUESTS - counts.reduce((a, b) => a + b, 0)) / operations.length));
    const callers: CallerName[] = ['hostAdmin', 'hostAdmin', 'hostAdmin', 'delegate', 'delegate', 'outsider', 'anonymous'];
    const cases = r.shuffled(operations.flatMap((op, i) => generator.forOperation(op, counts[i] + extra, callers)));
    expect(cases.length).toBeGreaterThanOrEqual(HTTP_REQUESTS);

    const findings = new Findings(seed);
    const statuses = new Map<number, number>();
    for (let i = 0; i < cases.length; i += CONCURRENCY) {
      const batch = cases.slice(i, i + CONCURRENCY);
      const answered = await Promise.all(batch.map((c) => sendHttp(c, findings)));
      answered.forEach((status) => statuses.set(status, (statuses.get(status) ?? 0) + 1));
      // A sign-out or a change of role among the requests: sign the person in again before going on.
      const signedOut = new Set(batch.filter((c, j) => answered[j] === 401 && c.caller !== 'anonymous').map((c) => c.caller as Exclude<CallerName, 'anonymous'>));
      for (const name of signedOut) await restore(name);
    }
    if (findings.all.length) throw new Error(findings.report());
    // Most requests are refused (400, 404…), but the plausible ones reach the services and succeed.
    expect([...statuses.keys()].some((s) => s >= 200 && s < 300)).toBe(true);
    expect(statuses.get(400) ?? 0).toBeGreaterThan(cases.length / 4);
  }, 180_000);

  it(`answers at least ${SOCKET_PAYLOADS} fuzzed payloads to every request of every namespace with an acknowledgement`, async () => {
    const { targets, served } = socketRequestTargets(t.app);
    expect([...new Set(targets.map((x) => x.namespace))].sort()).toEqual([...served].sort());
    expect(served).toEqual(expect.arrayContaining(['/chat', '/live']));

    const r = new Random(seed + 1);
    const generator = new SocketCases(scene, r, MAX_MESSAGE_BYTES);
    const counts = targets.map((x) => Math.min(120, Math.max(40, generator.mutationCount(x))));
    const extra = Math.max(0, Math.ceil((SOCKET_PAYLOADS - counts.reduce((a, b) => a + b, 0)) / targets.length));
    const cases = r.shuffled(targets.flatMap((x, i) => generator.forRequest(x, counts[i] + extra)));
    expect(cases.length).toBeGreaterThanOrEqual(SOCKET_PAYLOADS);

    const findings = new Findings(seed);
    const open = new Map<string, Socket>();
    /** The caller's socket on the namespace, connected again when a payload beyond the limit closed it. */
    async function socketFor(caller: 'hostAdmin' | 'delegate', namespace: string): Promise<Socket> {
      const key = `${caller} ${namespace}`;
      const known = open.get(key);
      if (known?.connected) return known;
      await restore(caller);
      const socket = sockets.open(namespace, people[caller]!.client.accessToken, { parser: jsonParser });
      await new Promise<void>((resolve, reject) => {
        socket.once('connect', resolve);
        socket.once('connect_error', reject);
      });
      open.set(key, socket);
      return socket;
    }

    let answered = 0;
    for (const c of cases) {
      const caller = r.pick(['hostAdmin', 'delegate'] as const);
      const socket = await socketFor(caller, c.namespace);
      const sent = `${c.event} ${c.payload?.text ?? '(no payload)'}`;
      const finding = (problem: string) => findings.add({ target: c.request, mutation: c.mutation, caller, sent, problem });
      let onClose: (reason: string) => void = () => undefined;
      const closed = new Promise<string>((resolve) => socket.once('disconnect', (onClose = resolve)));
      const ack = (c.payload === undefined ? socket.timeout(5000).emitWithAck(c.event) : emit(socket, c.event, c.payload)) as Promise<{ ok: boolean; error?: { code: string } }>;
      const outcome = await Promise.race([ack.then((a) => ({ ack: a }), (error: Error) => ({ error })), closed.then((reason) => ({ closed: reason }))]);
      socket.off('disconnect', onClose);
      if ('closed' in outcome) {
        if (!c.tooLarge) finding(`closed the connection (${outcome.closed})`);
        continue;
      }
      if (c.tooLarge) {
        finding('a payload beyond the message limit was answered instead of closing the connection');
        continue;
      }
      if ('error' in outcome) finding(`no acknowledgement: ${outcome.error.message}`);
      else if (outcome.ack.ok !== true && outcome.ack.ok !== false) finding(`answered without an acknowledgement's shape: ${JSON.stringify(outcome.ack)}`);
      else if (outcome.ack.error?.code === 'INTERNAL_ERROR') finding(`answered INTERNAL_ERROR: ${JSON.stringify(outcome.ack)}`);
      else answered += 1;
    }
    if (findings.all.length) throw new Error(findings.report());
    expect(answered).toBeGreaterThan(cases.length * 0.9);
  }, 120_000);

  it('logs no error and no stack trace for any of it', () => {
    expect(logs.problems().map((e) => `${e.level} ${e.context}: ${e.text.slice(0, 500)}`)).toEqual([]);
  });

  it('still serves at the end: health, sign-in and a normal request', async () => {
    await t.http.get('/health').expect(200);
    const admin = await t.signIn('admin@plenary.test', TEST_PASSWORD);
    const summits = await t.http.get('/api/summits').set(admin.auth).expect(200);
    expect(summits.body.map((s: { id: string }) => s.id)).toContain(scene.ids.summit[0]);
  });
});
