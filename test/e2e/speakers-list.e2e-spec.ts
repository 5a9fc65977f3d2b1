import type { LiveServerEvents, LiveSpeakersList } from '@plenary/summits';
import type { Socket } from 'socket.io-client';
import { SignedInClient, startTestApp, TEST_PASSWORD, TestApp } from '../support/app';
import { connected, emit, next, TestSockets } from '../support/sockets';

type SpeakersChanged = Parameters<LiveServerEvents['speakers.changed']>[0];

/** The speakers list as the chair runs it, pushed live to everyone following the summit. */
describe('Speakers list, live', () => {
  let t: TestApp;
  let admin: SignedInClient;
  let nz: SignedInClient;
  let us: SignedInClient;
  let nzName: string;
  const org: Record<string, string> = {};
  let summitId: string;
  let sessionId: string;
  let follower: Socket;
  const sockets = new TestSockets(() => t.url);

  const speakersOf = (path = '') => `/api/sessions/${sessionId}/speakers${path}`;
  const ask = (client: SignedInClient, organisationId: string, kind = 'speech') => t.http.post(speakersOf()).set(client.auth).send({ organisationId, kind });
  const read = async (): Promise<LiveSpeakersList> => (await t.http.get(speakersOf()).set(admin.auth).expect(200)).body;
  const queueIds = (list: LiveSpeakersList) => list.queue.map((entry) => entry.id);

  /** Runs a change and resolves with the list it answered and the `speakers.changed` the follower heard for it. */
  async function heard(change: () => PromiseLike<{ body: LiveSpeakersList }>): Promise<{ answer: LiveSpeakersList; event: SpeakersChanged | null }> {
    const event = next<SpeakersChanged>(follower, 'speakers.changed');
    const answer = (await change()).body;
    return { answer, event: await event };
  }

  beforeAll(async () => {
    t = await startTestApp();
    admin = await t.signIn('admin@plenary.test', TEST_PASSWORD);
    org.fr = await t.createOrganisation({ name: 'France', countryCode: 'FR' });
    org.nz = await t.createOrganisation({ name: 'New Zealand', countryCode: 'NZ' });
    org.us = await t.createOrganisation({ name: 'United States', countryCode: 'US' });
    org.ngo = await t.createOrganisation({ kind: 'civil_society', name: 'Digital Rights Watch' });
    nz = await t.joinOrganisation('delegate@nz.example', org.nz);
    us = await t.joinOrganisation('delegate@us.example', org.us);
    nzName = (await t.http.get('/api/me').set(nz.auth).expect(200)).body.displayName;
    summitId = await t.createSummit({
      title: 'Progress summit',
      hostOrganisationId: org.fr,
      timeZone: 'Europe/Paris',
      startsAt: '2026-05-14T00:00:00Z',
      endsAt: '2026-05-17T00:00:00Z',
      participants: [
        { organisationId: org.fr, status: 'confirmed', timeZone: 'Europe/Paris' },
        { organisationId: org.nz, status: 'confirmed', timeZone: 'Pacific/Auckland' },
        { organisationId: org.us, status: 'confirmed', timeZone: 'America/New_York' },
        { organisationId: org.ngo, status: 'confirmed', timeZone: 'Europe/London' },
      ],
      status: 'announced',
    });
    sessionId = (
      await t.http
        .post(`/api/summits/${summitId}/sessions`)
        .set(admin.auth)
        .send({ kind: 'plenary', title: 'Review', startsAt: '2026-05-14T20:00:00Z', endsAt: '2026-05-14T22:00:00Z', speechSeconds: 120, delegationBudgetSeconds: 300, speakersOrder: 'request_time' })
        .expect(201)
    ).body.session.id;
    follower = sockets.open('/live', us.accessToken);
    await connected(follower);
    expect(await emit(follower, 'summit.subscribe', { summitId })).toMatchObject({ ok: true });
  });
  afterAll(async () => {
    sockets.closeAll();
    await t.close();
  });

  it('names the speaker and the delegation, and pushes the whole list when someone asks for the floor', async () => {
    const { answer, event } = await heard(() => ask(nz, org.nz).expect(200));
    expect(answer.queue).toEqual([
      expect.objectContaining({ organisationId: org.nz, organisationName: 'New Zealand', userId: nz.userId, speakerName: nzName, status: 'waiting', allottedSeconds: 120, extendedSeconds: 0 }),
    ]);
    expect(answer.past).toEqual([]);
    expect(event).toEqual({ summitId, sessionId, speakers: answer });
  });

  it('names nobody of a delegation the chair put on the list', async () => {
    const { answer } = await heard(() => ask(admin, org.ngo).expect(200));
    expect(answer.queue.find((entry) => entry.organisationId === org.ngo)).toMatchObject({ organisationName: 'Digital Rights Watch', userId: null, speakerName: null });
  });

  it('refuses a delegation already waiting with SPEAKER_ALREADY_LISTED, but lets it raise a point of order', async () => {
    const refused = await ask(nz, org.nz).expect(409);
    expect(refused.body).toMatchObject({ code: 'SPEAKER_ALREADY_LISTED', details: { organisationId: org.nz, kind: 'speech' } });
    const point = await ask(nz, org.nz, 'point_of_order').expect(200);
    await ask(nz, org.nz, 'point_of_order').expect(409);
    const entry = point.body.queue.find((e: { kind: string }) => e.kind === 'point_of_order');
    await t.http.delete(speakersOf(`/${entry.id}`)).set(nz.auth).expect(200);
  });

  it('lets only one of two simultaneous requests of a delegation in', async () => {
    const answers = await Promise.all([ask(us, org.us), ask(us, org.us), ask(us, org.us)]);
    expect(answers.map((res) => res.status).sort()).toEqual([200, 409, 409]);
    for (const res of answers.filter((r) => r.status === 409)) expect(res.body.code).toBe('SPEAKER_ALREADY_LISTED');
    expect((await read()).queue.filter((entry) => entry.organisationId === org.us)).toHaveLength(1);
  });

  it('lets the chair reorder the list as they saw it, and refuses a stale or malformed order', async () => {
    const before = await read();
    const seen = queueIds(before);
    expect(seen).toHaveLength(3);
    const wanted = [...seen].reverse();
    await t.http.post(speakersOf('/order')).set(nz.auth).send({ expected: seen, order: wanted }).expect(403);

    const { answer, event } = await heard(() => t.http.post(speakersOf('/order')).set(admin.auth).send({ expected: seen, order: wanted }).expect(200));
    expect(queueIds(answer)).toEqual(wanted);
    expect(event?.speakers.queue.map((entry) => entry.id)).toEqual(wanted);

    // The chair's screen still shows the old order: refused, nothing changes.
    const stale = await t.http.post(speakersOf('/order')).set(admin.auth).send({ expected: seen, order: seen }).expect(409);
    expect(stale.body).toMatchObject({ code: 'STALE_ORDER' });
    expect(queueIds(await read())).toEqual(wanted);

    const missing = await t.http.post(speakersOf('/order')).set(admin.auth).send({ expected: wanted, order: wanted.slice(1) }).expect(400);
    expect(missing.body).toMatchObject({ code: 'VALIDATION_FAILED' });
    await t.http.post(speakersOf('/order')).set(admin.auth).send({ expected: wanted, order: [wanted[0], wanted[0], wanted[1]] }).expect(400);
    await t.http.post(speakersOf('/order')).set(admin.auth).send({ expected: 'all', order: wanted }).expect(400);
    await t.http.post(speakersOf('/order')).set(admin.auth).send({ expected: wanted, order: ['not-an-id'] }).expect(400);
  });

  it('lets the chair extend the speech holding the floor, within bounds', async () => {
    const { answer: running } = await heard(() => t.http.post(speakersOf('/next')).set(admin.auth).expect(200));
    const current = running.current!;
    expect(current).toMatchObject({ status: 'speaking', limitSeconds: 120, limitedBy: 'speech', startedAt: expect.any(String) });
    const waiting = running.queue[0];

    await t.http.patch(speakersOf(`/${current.id}`)).set(us.auth).send({ extraSeconds: 60 }).expect(403);
    const { answer, event } = await heard(() => t.http.patch(speakersOf(`/${current.id}`)).set(admin.auth).send({ extraSeconds: 60 }).expect(200));
    expect(answer.current).toMatchObject({ id: current.id, extendedSeconds: 60, limitSeconds: 180, limitedBy: 'speech' });
    expect(event?.speakers.current?.limitSeconds).toBe(180);

    for (const extraSeconds of [0, -5, 1801, 1.5, '60', null]) {
      const res = await t.http.patch(speakersOf(`/${current.id}`)).set(admin.auth).send({ extraSeconds }).expect(400);
      expect(res.body.code).toBe('VALIDATION_FAILED');
    }
    const notHolding = await t.http.patch(speakersOf(`/${waiting.id}`)).set(admin.auth).send({ extraSeconds: 30 }).expect(409);
    expect(notHolding.body).toMatchObject({ code: 'SPEAKERS_LIST', details: { reason: 'NOT_SPEAKING' } });
    await t.http.patch(speakersOf('/00000000-0000-4000-8000-000000000000')).set(admin.auth).send({ extraSeconds: 30 }).expect(404);
    await t.http.patch(speakersOf('/nope')).set(admin.auth).send({ extraSeconds: 30 }).expect(400);
  });

  it('keeps those who have spoken as past speakers, in the order they finished', async () => {
    const first = (await read()).current!;
    const { answer, event } = await heard(() => t.http.post(speakersOf('/next')).set(admin.auth).expect(200));
    expect(answer.past).toEqual([expect.objectContaining({ id: first.id, status: 'spoken', endedAt: expect.any(String) })]);
    expect(event?.speakers.past.map((entry) => entry.id)).toEqual([first.id]);
    const second = answer.current!;
    const ended = (await t.http.post(speakersOf('/end')).set(admin.auth).expect(200)).body as LiveSpeakersList;
    expect(ended.past.map((entry) => entry.id)).toEqual([first.id, second.id]);
    expect(ended.current).toBeNull();
  });

  it('refuses to extend a point of order, which has no time limit', async () => {
    await ask(nz, org.nz, 'point_of_order').expect(200);
    const running = (await t.http.post(speakersOf('/next')).set(admin.auth).expect(200)).body as LiveSpeakersList;
    expect(running.current).toMatchObject({ kind: 'point_of_order', limitSeconds: null, limitedBy: null, remainingSeconds: null });
    const res = await t.http.patch(speakersOf(`/${running.current!.id}`)).set(admin.auth).send({ extraSeconds: 30 }).expect(409);
    expect(res.body).toMatchObject({ code: 'SPEAKERS_LIST', details: { reason: 'NO_TIME_LIMIT' } });
  });

  it('pushes withdrawals and chair moves to followers, and nothing to a socket not following the summit', async () => {
    const stranger = sockets.open('/live', nz.accessToken);
    await connected(stranger);
    const strangerHeard = next(stranger, 'speakers.changed', 1500);
    const { event } = await heard(() => t.http.post(speakersOf('/end')).set(admin.auth).expect(200));
    expect(event).toMatchObject({ summitId, sessionId, speakers: { current: null } });
    const entry = (await read()).queue[0];
    const { event: withdrawn } = await heard(() => t.http.delete(speakersOf(`/${entry.id}`)).set(admin.auth).expect(200));
    expect(withdrawn?.speakers.queue.map((e) => e.id)).not.toContain(entry.id);
    await expect(strangerHeard).resolves.toBeNull();
  });
});
