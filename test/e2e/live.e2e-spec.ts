import type { Socket } from 'socket.io-client';
import { SignedInClient, startTestApp, TEST_PASSWORD, TestApp } from '../support/app';
import { connected, dropThenReconnect, emit, next, TestSockets, waitUntil } from '../support/sockets';

describe('Live agenda over Socket.IO (/live)', () => {
  let t: TestApp;
  let admin: SignedInClient;
  let delegate: SignedInClient;
  let summitId: string;
  let otherSummitId: string;
  let france: string;

  const sockets = new TestSockets(() => t.url);

  /** A `/live` socket, not yet connected. */
  function connect(token?: string): Socket {
    return sockets.open('/live', token);
  }

  beforeAll(async () => {
    t = await startTestApp();
    admin = await t.signIn('admin@plenary.test', TEST_PASSWORD);
    france = await t.createOrganisation({ name: 'France', countryCode: 'FR' });
    const nz = await t.createOrganisation({ name: 'New Zealand', shortName: 'NZ', countryCode: 'NZ' });
    delegate = await t.joinOrganisation('delegate@nz.example', nz);
    const summit = { hostOrganisationId: france, timeZone: 'Europe/Paris', startsAt: '2026-05-14T00:00:00Z', endsAt: '2026-05-16T00:00:00Z', status: 'announced' } as const;
    summitId = await t.createSummit({ ...summit, title: 'Open to NZ', participants: [{ organisationId: nz, status: 'confirmed', timeZone: 'Pacific/Auckland' }] });
    otherSummitId = await t.createSummit({ ...summit, title: 'Closed' });
  });
  afterAll(async () => {
    sockets.closeAll();
    await t.close();
  });

  it('refuses a handshake without a valid token', async () => {
    for (const socket of [connect(), connect('not-a-token')]) {
      const error = await new Promise<Error & { data?: { code: string } }>((resolve) => socket.once('connect_error', resolve));
      expect(error.data).toMatchObject({ code: 'UNAUTHENTICATED' });
      expect(socket.connected).toBe(false);
    }
  });

  it('refuses the token of a session that has been revoked', async () => {
    await t.createUser({ email: 'leaver@example.org', password: TEST_PASSWORD });
    const leaver = await t.signIn('leaver@example.org', TEST_PASSWORD);
    await t.http.post('/api/auth/logout').set(leaver.auth).expect(204);
    const error = await new Promise<Error & { data?: { code: string } }>((resolve) => connect(leaver.accessToken).once('connect_error', resolve));
    expect(error.data).toMatchObject({ code: 'SESSION_REVOKED' });
  });

  it('admits to a summit’s room only those who may read the summit, and validates payloads', async () => {
    const socket = connect(delegate.accessToken);
    await connected(socket);
    await expect(emit(socket, 'summit.subscribe', { summitId })).resolves.toEqual({ ok: true, room: `summit:${summitId}` });
    await expect(emit(socket, 'summit.subscribe', { summitId: otherSummitId })).resolves.toMatchObject({ ok: false, error: { code: 'SUMMIT_NOT_FOUND' } });
    await expect(emit(socket, 'summit.subscribe', { summitId: 'summit:*' })).resolves.toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED' } });
    await expect(emit(socket, 'summit.subscribe', 'garbage')).resolves.toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED' } });
  });

  it('pushes agenda changes to subscribers and to nobody else', async () => {
    const follower = connect(delegate.accessToken);
    await connected(follower);
    await emit(follower, 'summit.subscribe', { summitId });
    const stranger = connect(delegate.accessToken);
    await connected(stranger);
    let strangerHeard = false;
    stranger.on('agenda.changed', () => (strangerHeard = true));

    const heard = new Promise<{ summitId: string; change: string; session: { title: string } }>((resolve) => follower.once('agenda.changed', resolve));
    const created = await t.http
      .post(`/api/summits/${summitId}/sessions`)
      .set(admin.auth)
      .send({ kind: 'plenary', title: 'Opening', startsAt: '2026-05-14T08:00:00Z', endsAt: '2026-05-14T09:00:00Z' })
      .expect(201);
    await expect(heard).resolves.toMatchObject({ summitId, change: 'created', session: { title: 'Opening' } });

    const moved = new Promise<{ change: string; session: { startsAt: string } }>((resolve) => follower.once('agenda.changed', resolve));
    await t.http
      .post(`/api/sessions/${created.body.session.id}/reschedule`)
      .set(admin.auth)
      .send({ startsAt: '2026-05-14T10:00:00Z', endsAt: '2026-05-14T11:00:00Z', reason: 'Later' })
      .expect(200);
    await expect(moved).resolves.toMatchObject({ change: 'rescheduled', session: { startsAt: '2026-05-14T10:00:00.000Z' } });
    expect(strangerHeard).toBe(false);
  });

  it('tells only the host side and the two delegations about a bilateral', async () => {
    const follower = connect(delegate.accessToken);
    await connected(follower);
    await emit(follower, 'summit.subscribe', { summitId });
    const host = connect(admin.accessToken);
    await connected(host);
    await emit(host, 'summit.subscribe', { summitId });
    const titles: string[] = [];
    follower.on('agenda.changed', (e: { session: { title: string } }) => titles.push(e.session.title));

    const canada = await t.createOrganisation({ name: 'Canada', countryCode: 'CA' });
    const hostHeard = new Promise<{ session: { title: string } }>((resolve) => host.once('agenda.changed', resolve));
    await t.http
      .post(`/api/summits/${summitId}/sessions`)
      .set(admin.auth)
      .send({ kind: 'bilateral', title: 'France–Canada', startsAt: '2026-05-15T08:00:00Z', endsAt: '2026-05-15T09:00:00Z', organisationIds: [france, canada] })
      .expect(201);
    await expect(hostHeard).resolves.toMatchObject({ session: { title: 'France–Canada' } });

    // A later public change reaches the follower, proving the bilateral was not merely in flight.
    const next = new Promise<void>((resolve) => follower.once('agenda.changed', () => resolve()));
    await t.http.post(`/api/summits/${summitId}/sessions`).set(admin.auth).send({ kind: 'press', title: 'Press point', startsAt: '2026-05-15T12:00:00Z', endsAt: '2026-05-15T12:30:00Z' }).expect(201);
    await next;
    expect(titles).toEqual(['Press point']);
  });

  it('takes the summit away, on the spot, from the subscribers of a delegation whose participation is withdrawn', async () => {
    const japan = await t.createOrganisation({ name: 'Japan', countryCode: 'JP' });
    await t.http.post(`/api/summits/${summitId}/participants`).set(admin.auth).send({ organisationId: japan, status: 'confirmed', timeZone: 'Asia/Tokyo' }).expect(201);
    const japanese = await t.joinOrganisation('delegate@jp.example', japan);
    const follower = connect(japanese.accessToken);
    await connected(follower);
    await expect(emit(follower, 'summit.subscribe', { summitId })).resolves.toMatchObject({ ok: true });
    const titles: string[] = [];
    follower.on('agenda.changed', (e: { session: { title: string } }) => titles.push(e.session.title));
    const removed = new Promise<{ summitId: string }>((resolve) => follower.once('summit.removed', resolve));

    await t.http.patch(`/api/summits/${summitId}/participants/${japan}`).set(admin.auth).send({ status: 'withdrawn' }).expect(200);
    await expect(removed).resolves.toEqual({ summitId });

    // The delegate still following NZ's way hears the next change; the withdrawn one does not.
    const stayer = connect(delegate.accessToken);
    await connected(stayer);
    await emit(stayer, 'summit.subscribe', { summitId });
    const heard = new Promise<void>((resolve) => stayer.once('agenda.changed', () => resolve()));
    await t.http.post(`/api/summits/${summitId}/sessions`).set(admin.auth).send({ kind: 'press', title: 'After Japan left', startsAt: '2026-05-15T14:00:00Z', endsAt: '2026-05-15T14:30:00Z' }).expect(201);
    await heard;
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(titles).toEqual([]);
    await expect(emit(follower, 'summit.subscribe', { summitId })).resolves.toMatchObject({ ok: false, error: { code: 'SUMMIT_NOT_FOUND' } });
  });

  it('takes the summit away from a delegation that declines, its named head of delegation and delegates included', async () => {
    const korea = await t.createOrganisation({ name: 'Korea', countryCode: 'KR' });
    await t.http.post(`/api/summits/${summitId}/participants`).set(admin.auth).send({ organisationId: korea, timeZone: 'Asia/Seoul' }).expect(201);
    const head = await t.joinOrganisation('head@kr.example', korea, 'leader');
    const named = await t.joinOrganisation('named@kr.example', korea);
    const plain = await t.joinOrganisation('member@kr.example', korea);
    await t.http.put(`/api/summits/${summitId}/members/${head.userId}`).set(admin.auth).send({ role: 'head_of_delegation', organisationId: korea }).expect(200);
    await t.http.put(`/api/summits/${summitId}/members/${named.userId}`).set(admin.auth).send({ role: 'delegate', organisationId: korea }).expect(200);
    const followers = await Promise.all(
      [head, named, plain].map(async (client) => {
        const socket = connect(client.accessToken);
        await connected(socket);
        await expect(emit(socket, 'summit.subscribe', { summitId })).resolves.toMatchObject({ ok: true });
        return socket;
      }),
    );
    const removed = followers.map((socket) => next<{ summitId: string }>(socket, 'summit.removed', 2000));

    await t.http.patch(`/api/summits/${summitId}/participants/${korea}`).set(admin.auth).send({ status: 'declined' }).expect(200);
    await expect(Promise.all(removed)).resolves.toEqual([{ summitId }, { summitId }, { summitId }]);
    for (const socket of followers) {
      await expect(emit(socket, 'summit.subscribe', { summitId })).resolves.toMatchObject({ ok: false, error: { code: 'SUMMIT_NOT_FOUND' } });
    }
  });

  it('takes the summit away from the named delegates of a delegation that withdraws', async () => {
    const chile = await t.createOrganisation({ name: 'Chile', countryCode: 'CL' });
    await t.http.post(`/api/summits/${summitId}/participants`).set(admin.auth).send({ organisationId: chile, status: 'confirmed', timeZone: 'America/Santiago' }).expect(201);
    const named = await t.joinOrganisation('named@cl.example', chile);
    await t.http.put(`/api/summits/${summitId}/members/${named.userId}`).set(admin.auth).send({ role: 'delegate', organisationId: chile }).expect(200);
    const follower = connect(named.accessToken);
    await connected(follower);
    await expect(emit(follower, 'summit.subscribe', { summitId })).resolves.toMatchObject({ ok: true });
    const removed = next<{ summitId: string }>(follower, 'summit.removed', 2000);

    await t.http.patch(`/api/summits/${summitId}/participants/${chile}`).set(admin.auth).send({ status: 'withdrawn' }).expect(200);
    await expect(removed).resolves.toEqual({ summitId });
    await expect(emit(follower, 'summit.subscribe', { summitId })).resolves.toMatchObject({ ok: false, error: { code: 'SUMMIT_NOT_FOUND' } });
  });
  describe('after a brief loss of connection', () => {
    /** A press point in the next free half hour of the summit's second afternoon. */
    let slot = 0;
    async function addSession(title: string): Promise<void> {
      const startsAt = new Date(Date.parse('2026-05-15T15:00:00Z') + slot++ * 30 * 60_000).toISOString();
      const endsAt = new Date(Date.parse(startsAt) + 30 * 60_000).toISOString();
      await t.http.post(`/api/summits/${summitId}/sessions`).set(admin.auth).send({ kind: 'press', title, startsAt, endsAt }).expect(201);
    }

    /** A delegate's subscriber with the session titles it hears, once it has heard a first change: recovery resumes after the last broadcast received. */
    async function subscriberOf(client: SignedInClient, first: string) {
      const socket = connect(client.accessToken);
      await connected(socket);
      await expect(emit(socket, 'summit.subscribe', { summitId })).resolves.toMatchObject({ ok: true });
      const heard: string[] = [];
      socket.on('agenda.changed', (e: { session: { title: string } }) => heard.push(e.session.title));
      await addSession(first);
      await waitUntil(() => heard.length === 1);
      return { socket, heard };
    }

    it('restores the connection, still subscribed, with the agenda changes it missed', async () => {
      const { socket, heard } = await subscriberOf(delegate, 'Before the loss');

      await dropThenReconnect(socket, async () => {
        await addSession('While away (1)');
        await addSession('While away (2)');
      });
      expect(socket.recovered).toBe(true);
      await waitUntil(() => heard.length === 3);
      await addSession('After the return');
      await waitUntil(() => heard.length === 4);
      expect(heard).toEqual(['Before the loss', 'While away (1)', 'While away (2)', 'After the return']);
    });

    it('does not restore a connection into a summit closed to its user meanwhile, nor replay what happened there', async () => {
      const peru = await t.createOrganisation({ name: 'Peru', countryCode: 'PE' });
      await t.http.post(`/api/summits/${summitId}/participants`).set(admin.auth).send({ organisationId: peru, status: 'confirmed', timeZone: 'America/Lima' }).expect(201);
      const peruvian = await t.joinOrganisation('delegate@pe.example', peru);
      const { socket, heard } = await subscriberOf(peruvian, 'Before Peru left');

      await dropThenReconnect(socket, async () => {
        await t.http.patch(`/api/summits/${summitId}/participants/${peru}`).set(admin.auth).send({ status: 'withdrawn' }).expect(200);
        await addSession('Not for Peru');
      });
      expect(socket.recovered).toBe(false);
      await addSession('Still not for Peru');
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(heard).toEqual(['Before Peru left']);
      await expect(emit(socket, 'summit.subscribe', { summitId })).resolves.toMatchObject({ ok: false, error: { code: 'SUMMIT_NOT_FOUND' } });
    });
  });
});
