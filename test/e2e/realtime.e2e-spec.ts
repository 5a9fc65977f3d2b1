import { ModulesContainer } from '@nestjs/core';
import { GATEWAY_METADATA, GATEWAY_OPTIONS } from '@nestjs/websockets/constants';
import { RealtimeNamespaces, type Ack } from '@plenary/realtime';
import { SignedInClient, startTestApp, TEST_PASSWORD, TestApp } from '../support/app';
import { connected, TestSockets } from '../support/sockets';

describe('Socket.IO hardening', () => {
  let t: TestApp;
  let admin: SignedInClient;
  let summitId: string;
  let nzId: string;
  const sockets = new TestSockets(() => t.url);
  const open = sockets.open.bind(sockets);

  /** Tokens live six seconds in this suite (to test expiry): each test signs in afresh. */
  async function adminToken(): Promise<string> {
    admin = await t.signIn('admin@plenary.test', TEST_PASSWORD);
    return admin.accessToken;
  }

  beforeAll(async () => {
    t = await startTestApp({ SOCKET_EVENTS_PER_SECOND: '5', SOCKET_MAX_MESSAGE_BYTES: '2048', ACCESS_TOKEN_TTL_SECONDS: '6' });
    admin = await t.signIn('admin@plenary.test', TEST_PASSWORD);
    const fr = await t.createOrganisation({ name: 'France', countryCode: 'FR' });
    nzId = await t.createOrganisation({ name: 'New Zealand', shortName: 'NZ', countryCode: 'NZ' });
    summitId = await t.createSummit({
      title: 'S',
      hostOrganisationId: fr,
      timeZone: 'UTC',
      startsAt: '2026-05-14T00:00:00Z',
      endsAt: '2026-05-15T00:00:00Z',
      participants: [{ organisationId: nzId, status: 'confirmed', timeZone: 'UTC' }],
      status: 'announced',
    });
  });
  afterAll(async () => {
    sockets.closeAll();
    await t.close();
  });

  it('refuses a handshake from an origin outside the allow-list', async () => {
    const evil = open('/live', await adminToken(), { extraHeaders: { Origin: 'https://evil.example' } });
    await expect(connected(evil)).rejects.toBeDefined();
    expect(evil.connected).toBe(false);
    const good = open('/live', await adminToken(), { extraHeaders: { Origin: t.url } });
    await expect(connected(good)).resolves.toBeUndefined();
  });

  it('sets every gateway’s namespace up with the real-time kit', () => {
    const gateways = [...t.app.get(ModulesContainer).values()].flatMap((module) =>
      [...module.providers.values()].flatMap(({ metatype }) => (metatype && Reflect.getMetadata(GATEWAY_METADATA, metatype) ? [metatype] : [])),
    );
    const declared = gateways.map((gateway) => (Reflect.getMetadata(GATEWAY_OPTIONS, gateway) as { namespace: string }).namespace).sort();
    expect(declared).toEqual(expect.arrayContaining(['/chat', '/live']));
    expect(t.app.get(RealtimeNamespaces).namespaceNames().sort()).toEqual(declared);
  });

  it('refuses the root namespace, with or without a token', async () => {
    for (const token of [undefined, 'forged.token.value', await adminToken()]) {
      const root = open('/', token);
      const error = await new Promise<Error & { data?: { code: string } }>((resolve) => root.once('connect_error', resolve));
      expect(error.data).toMatchObject({ code: 'NOT_FOUND' });
      expect(root.connected).toBe(false);
    }
  });

  it('answers an unknown event with an error acknowledgement', async () => {
    const socket = open('/chat', await adminToken());
    await connected(socket);
    await expect(socket.timeout(3000).emitWithAck('drop.tables', {})).resolves.toMatchObject({ ok: false, error: { code: 'UNKNOWN_EVENT' } });
    expect(socket.connected).toBe(true);
  });

  it('limits the events of one socket with a clear error', async () => {
    const socket = open('/live', await adminToken());
    await connected(socket);
    const acks = (await Promise.all(Array.from({ length: 30 }, () => socket.timeout(3000).emitWithAck('summit.subscribe', { summitId })))) as Ack[];
    const limited = acks.filter((a) => !a.ok && a.error.code === 'RATE_LIMITED');
    expect(limited.length).toBeGreaterThan(0);
    expect(acks.filter((a) => a.ok).length).toBeGreaterThanOrEqual(5);
    // The bucket refills: a second later the socket may speak again.
    await new Promise((resolve) => setTimeout(resolve, 1100));
    await expect(socket.timeout(3000).emitWithAck('summit.subscribe', { summitId })).resolves.toMatchObject({ ok: true });
  });

  it('drops an oversized message without harming the server', async () => {
    const socket = open('/chat', await adminToken());
    await connected(socket);
    const closed = new Promise<string>((resolve) => socket.once('disconnect', resolve));
    socket.emit('message.send', { channelId: summitId, clientMessageId: 'big', body: 'x'.repeat(10_000) });
    await expect(closed).resolves.toBeDefined();
    await t.http.get('/health').expect(200);
    const again = open('/chat', await adminToken());
    await expect(connected(again)).resolves.toBeUndefined();
  });

  it('shows who of each delegation is online, live', async () => {
    const delegate = await t.joinOrganisation('delegate@nz.example', nzId);
    const host = open('/live', await adminToken());
    await connected(host);
    await host.timeout(3000).emitWithAck('summit.subscribe', { summitId });
    const joined = new Promise<{ online: { userId: string; organisationIds: string[] }[] }>((resolve) =>
      host.on('presence.changed', (e: { online: { userId: string }[] }) => e.online.some((o) => o.userId === delegate.userId) && resolve(e as never)),
    );
    const nz = open('/live', delegate.accessToken);
    await connected(nz);
    await nz.timeout(3000).emitWithAck('summit.subscribe', { summitId });
    const online = (await joined).online;
    expect(online).toEqual(expect.arrayContaining([{ userId: delegate.userId, organisationIds: [nzId] }, { userId: admin.userId, organisationIds: [] }]));

    const left = new Promise<void>((resolve) => host.on('presence.changed', (e: { online: { userId: string }[] }) => !e.online.some((o) => o.userId === delegate.userId) && resolve()));
    nz.disconnect();
    await left;
    const list = (await host.timeout(3000).emitWithAck('presence.list', { summitId })) as { online: { userId: string }[] };
    expect(list.online.map((o) => o.userId)).toEqual([admin.userId]);
  });

  it('ends the connection when its access token expires', async () => {
    const socket = open('/chat', await adminToken());
    await connected(socket);
    const expired = new Promise<{ code: string }>((resolve) => socket.once('session.expired', resolve));
    const closed = new Promise<void>((resolve) => socket.once('disconnect', () => resolve()));
    await expect(expired).resolves.toMatchObject({ code: 'TOKEN_EXPIRED' });
    await closed;
    expect(socket.connected).toBe(false);
  }, 15_000);
});
