import { PlatformRole } from '@plenary/identity';
import type { ChatChannel as Channel } from '@plenary/chat';
import type { Socket } from 'socket.io-client';
import { SignedInClient, startTestApp, TEST_PASSWORD, TestApp } from '../support/app';
import { emit, next, ok, TestSockets } from '../support/sockets';

/**
 * Who may see what of a summit hosted by France: the host side never sits in
 * another delegation, addresses are for the host side only, and a delegation
 * that withdraws or declines takes its people out of the summit at once.
 */
describe('Summit access', () => {
  let t: TestApp;
  let admin: SignedInClient;
  let secondAdmin: SignedInClient;
  let chair: SignedInClient;
  let coChair: SignedInClient;
  let nzHead: SignedInClient;
  let nzDelegate: SignedInClient;
  let jpNamed: SignedInClient;
  let jpMember: SignedInClient;
  let caNamed: SignedInClient;
  const org: Record<string, string> = {};
  let summitId: string;
  let sessionId: string;
  const sockets = new TestSockets(() => t.url);

  function connect(client: SignedInClient, namespace = '/chat'): Promise<Socket> {
    return sockets.connect(namespace, client.accessToken);
  }

  async function channelsOf(client: SignedInClient): Promise<Channel[]> {
    return (await t.http.get(`/api/summits/${summitId}/channels`).set(client.auth).expect(200)).body;
  }

  async function name(client: SignedInClient, role: string, organisationId?: string): Promise<void> {
    await t.http.put(`/api/summits/${summitId}/members/${client.userId}`).set(admin.auth).send({ role, organisationId }).expect(200);
  }

  beforeAll(async () => {
    t = await startTestApp();
    admin = await t.signIn('admin@plenary.test', TEST_PASSWORD);
    await t.createUser({ email: 'second-admin@plenary.test', password: TEST_PASSWORD, platformRole: PlatformRole.HostAdmin });
    secondAdmin = await t.signIn('second-admin@plenary.test', TEST_PASSWORD);
    org.fr = await t.createOrganisation({ name: 'France', countryCode: 'FR' });
    org.nz = await t.createOrganisation({ name: 'New Zealand', shortName: 'NZ', countryCode: 'NZ' });
    org.jp = await t.createOrganisation({ name: 'Japan', countryCode: 'JP' });
    org.ca = await t.createOrganisation({ name: 'Canada', countryCode: 'CA' });
    chair = await t.joinOrganisation('chair@fr.example', org.fr);
    coChair = await t.joinOrganisation('co-chair@nz.example', org.nz);
    nzHead = await t.joinOrganisation('head@nz.example', org.nz, 'leader');
    nzDelegate = await t.joinOrganisation('delegate@nz.example', org.nz);
    jpNamed = await t.joinOrganisation('named@jp.example', org.jp);
    jpMember = await t.joinOrganisation('member@jp.example', org.jp);
    caNamed = await t.joinOrganisation('named@ca.example', org.ca);
    summitId = await t.createSummit({
      title: 'Progress summit',
      hostOrganisationId: org.fr,
      timeZone: 'Europe/Paris',
      startsAt: '2026-05-14T00:00:00Z',
      endsAt: '2026-05-16T00:00:00Z',
      participants: [org.fr, org.nz, org.jp, org.ca].map((organisationId) => ({ organisationId, status: 'confirmed', timeZone: 'UTC' })),
      status: 'announced',
    });
    await name(chair, 'chair', org.fr);
    await name(coChair, 'co_chair');
    await name(nzHead, 'head_of_delegation', org.nz);
    await name(jpNamed, 'delegate', org.jp);
    await name(caNamed, 'delegate', org.ca);
    sessionId = (
      await t.http
        .post(`/api/summits/${summitId}/sessions`)
        .set(admin.auth)
        .send({ kind: 'plenary', title: 'Opening', startsAt: '2026-05-14T08:00:00Z', endsAt: '2026-05-14T09:00:00Z' })
        .expect(201)
    ).body.session.id;
  });
  afterAll(async () => {
    sockets.closeAll();
    await t.close();
  });

  describe('a delegation’s private channel', () => {
    it('refuses an invitation a host administrator addresses to themselves', async () => {
      const res = await t.http.post('/api/invitations').set(admin.auth).send({ email: 'Admin@plenary.test ', organisationId: org.nz, delegationRole: 'delegate' });
      expect(res.status).toBe(403);
      expect(res.body.code).toBe('FORBIDDEN');
      expect(await t.mailTo('admin@plenary.test')).toEqual([]);
    });

    it('stays closed to a host administrator made a member of the delegation, with its history, pins and mentions', async () => {
      const nzChannel = (await channelsOf(nzHead)).find((c) => c.kind === 'delegation' && c.organisationId === org.nz)!;
      const author = await connect(nzHead);
      await ok(author, 'message.send', { channelId: nzChannel.id, clientMessageId: 'before', body: 'Our red lines' });

      // Another host administrator invites the first into New Zealand's delegation; they accept with their own password.
      await t.http.post('/api/invitations').set(secondAdmin.auth).send({ email: 'admin@plenary.test', organisationId: org.nz, delegationRole: 'advisor' }).expect(201);
      await t.http.post('/api/invitations/accept').send({ token: await t.invitationToken('admin@plenary.test'), password: TEST_PASSWORD }).expect(200);
      const member = await t.signIn('admin@plenary.test', TEST_PASSWORD);
      expect((await t.http.get('/api/me').set(member.auth).expect(200)).body.memberships).toEqual([expect.objectContaining({ organisationId: org.nz })]);

      expect((await channelsOf(member)).map((c) => c.kind).sort()).toEqual(['lobby', 'session']);
      await t.http.get(`/api/channels/${nzChannel.id}/messages`).set(member.auth).expect(404);
      await t.http.get(`/api/channels/${nzChannel.id}/pins`).set(member.auth).expect(404);
      await t.http.post(`/api/channels/${nzChannel.id}/read`).set(member.auth).send({ sequence: 1 }).expect(404);

      const socket = await connect(member);
      await expect(emit(socket, 'channel.join', { channelId: nzChannel.id })).resolves.toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
      await expect(emit(socket, 'history', { channelId: nzChannel.id })).resolves.toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
      const followed = await ok<{ channels: Channel[] }>(socket, 'summit.follow', { summitId });
      expect(followed.channels.some((c) => c.id === nzChannel.id)).toBe(false);

      // A teammate following the summit hears of the next message; the host administrator hears nothing of it.
      const teammate = await connect(nzDelegate);
      await ok(teammate, 'summit.follow', { summitId });
      const heardByTeammate = next(teammate, 'channel.activity');
      const activity = next(socket, 'channel.activity', 500);
      const mention = next(socket, 'mention.new', 500);
      await ok(author, 'message.send', { channelId: nzChannel.id, clientMessageId: 'after', body: 'Not for the host', mentions: { userIds: [member.userId], organisationIds: [org.nz] } });
      await expect(heardByTeammate).resolves.toMatchObject({ channelId: nzChannel.id });
      await expect(activity).resolves.toBeNull();
      await expect(mention).resolves.toBeNull();
    });

    it('stays closed to a co-chair who belongs to the delegation, and opens the host organisation’s own to its chair', async () => {
      const channels = await channelsOf(coChair);
      expect(channels.some((c) => c.kind === 'delegation')).toBe(false);
      const nzChannel = (await channelsOf(nzHead)).find((c) => c.kind === 'delegation')!;
      await t.http.get(`/api/channels/${nzChannel.id}/messages`).set(coChair.auth).expect(404);

      const own = (await channelsOf(chair)).filter((c) => c.kind === 'delegation');
      expect(own.map((c) => c.organisationId)).toEqual([org.fr]);
      await t.http.get(`/api/channels/${own[0].id}/messages`).set(chair.auth).expect(200);
    });
  });

  describe('e-mail addresses', () => {
    it('shows the addresses of the people named in the summit to its host side only', async () => {
      const forDelegate = (await t.http.get(`/api/summits/${summitId}/members`).set(nzDelegate.auth).expect(200)).body as Record<string, unknown>[];
      expect(forDelegate.length).toBeGreaterThanOrEqual(5);
      expect(forDelegate.filter((m) => 'email' in m)).toEqual([]);
      for (const host of [chair, coChair, admin]) {
        const forHost = (await t.http.get(`/api/summits/${summitId}/members`).set(host.auth).expect(200)).body as { userId: string; email?: string }[];
        expect(forHost.find((m) => m.userId === nzHead.userId)?.email).toBe('head@nz.example');
      }
    });

    it('gives a participant no address anywhere in what it reads of the summit', async () => {
      const reads = [
        `/api/summits/${summitId}`,
        `/api/summits/${summitId}/members`,
        `/api/summits/${summitId}/people`,
        `/api/summits/${summitId}/participants`,
        `/api/summits/${summitId}/sessions`,
        `/api/summits/${summitId}/agenda`,
        `/api/summits/${summitId}/channels`,
        `/api/sessions/${sessionId}`,
        `/api/sessions/${sessionId}/speakers`,
        `/api/sessions/${sessionId}/history`,
      ];
      for (const path of reads) {
        const res = await t.http.get(path).set(nzDelegate.auth).expect(200);
        expect({ path, leaked: /[\w.+-]+@[\w-]+\.[\w.]+/.exec(JSON.stringify(res.body))?.[0] ?? null }).toEqual({ path, leaked: null });
      }
    });
  });

  describe('a delegation that withdraws or declines', () => {
    it('loses the summit, its sessions, its channels and its place in the list at once, named delegates included', async () => {
      const lobby = (await channelsOf(jpNamed)).find((c) => c.kind === 'lobby')!;
      await t.http.get(`/api/summits/${summitId}`).set(jpNamed.auth).expect(200);
      await t.http.patch(`/api/summits/${summitId}/participants/${org.jp}`).set(admin.auth).send({ status: 'withdrawn' }).expect(200);
      await t.http.patch(`/api/summits/${summitId}/participants/${org.ca}`).set(admin.auth).send({ status: 'declined' }).expect(200);

      for (const client of [jpNamed, jpMember, caNamed]) {
        const paths = [
          `/api/summits/${summitId}`,
          `/api/summits/${summitId}/sessions`,
          `/api/summits/${summitId}/agenda`,
          `/api/summits/${summitId}/people`,
          `/api/summits/${summitId}/channels`,
          `/api/summits/${summitId}/calendar.ics`,
          `/api/sessions/${sessionId}`,
          `/api/sessions/${sessionId}/speakers`,
          `/api/channels/${lobby.id}/messages`,
        ];
        const answers = await Promise.all(paths.map(async (path) => `${(await t.http.get(path).set(client.auth)).status} ${path}`));
        expect(answers).toEqual(paths.map((path) => `404 ${path}`));
        expect((await t.http.get('/api/summits').set(client.auth).expect(200)).body).toEqual([]);
      }
      // Their named roles stay on record for the host side, should the delegation come back.
      const members = (await t.http.get(`/api/summits/${summitId}/members`).set(admin.auth).expect(200)).body as { userId: string }[];
      expect(members.map((m) => m.userId)).toEqual(expect.arrayContaining([jpNamed.userId, caNamed.userId]));
      await t.http.patch(`/api/summits/${summitId}/participants/${org.jp}`).set(admin.auth).send({ status: 'confirmed' }).expect(200);
      await expect(t.http.get(`/api/summits/${summitId}`).set(jpNamed.auth).expect(200)).resolves.toMatchObject({ body: { myRole: 'delegate' } });
    });
  });
});
