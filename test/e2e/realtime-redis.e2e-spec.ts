import { randomBytes } from 'node:crypto';
import { io, Socket } from 'socket.io-client';
import { SignedInClient, startTestApp, TEST_PASSWORD, TestApp } from '../support/app';

/** Redis of the development and CI machines (see ENVIRONMENT); each run uses keys of its own. */
const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

interface Message {
  id: string;
  sequence: number;
  body: string;
}

/**
 * Two server processes' worth of the application — two Nest applications with
 * their own Socket.IO servers and database connections — sharing one database
 * and one Redis, with clients split across them.
 */
describe('Scaled out: two servers on one Redis', () => {
  let nodeA: TestApp;
  let nodeB: TestApp | null;
  let admin: SignedInClient;
  let alice: SignedInClient;
  let bob: SignedInClient;
  let summitId: string;
  let lobby: string;
  const sockets: Socket[] = [];

  async function connect(node: TestApp, namespace: string, token: string): Promise<Socket> {
    const socket = io(`${node.url}${namespace}`, { auth: { token }, transports: ['websocket'], reconnection: false, forceNew: true });
    sockets.push(socket);
    await new Promise<void>((resolve, reject) => {
      socket.once('connect', () => resolve());
      socket.once('connect_error', reject);
    });
    return socket;
  }

  async function ok<T>(socket: Socket, event: string, payload: unknown): Promise<T> {
    const ack = (await socket.timeout(5000).emitWithAck(event, payload)) as { ok: boolean; error?: { code: string } } & T;
    if (!ack.ok) throw new Error(`${event}: ${ack.error?.code}`);
    return ack;
  }

  beforeAll(async () => {
    const shared = { REDIS_URL, REDIS_PREFIX: `plenary-test-${randomBytes(4).toString('hex')}` };
    nodeA = await startTestApp(shared);
    nodeB = await startTestApp({ ...shared, DATABASE_URL: nodeA.config.database.url, JWT_SECRET: nodeA.config.auth.jwtSecret });
    admin = await nodeA.signIn('admin@plenary.test', TEST_PASSWORD);
    const fr = (await nodeA.http.post('/api/organisations').set(admin.auth).send({ kind: 'state', name: 'France', shortName: 'France', countryCode: 'FR' })).body.id;
    const nz = (await nodeA.http.post('/api/organisations').set(admin.auth).send({ kind: 'state', name: 'New Zealand', shortName: 'NZ', countryCode: 'NZ' })).body.id;
    alice = await nodeA.joinOrganisation('alice@nz.example', nz);
    bob = await nodeA.joinOrganisation('bob@nz.example', nz);
    summitId = (
      await nodeA.http
        .post('/api/summits')
        .set(admin.auth)
        .send({ title: 'Scaled', hostOrganisationId: fr, timeZone: 'UTC', startsAt: '2026-05-14T00:00:00Z', endsAt: '2026-05-15T00:00:00Z' })
    ).body.id;
    await nodeA.http.post(`/api/summits/${summitId}/participants`).set(admin.auth).send({ organisationId: nz, status: 'confirmed', timeZone: 'UTC' }).expect(201);
    await nodeA.http.post(`/api/summits/${summitId}/status`).set(admin.auth).send({ status: 'announced' }).expect(200);
    lobby = (await nodeA.http.get(`/api/summits/${summitId}/channels`).set(alice.auth).expect(200)).body.find((c: { kind: string }) => c.kind === 'lobby').id;
  });
  afterAll(async () => {
    for (const socket of sockets) socket.disconnect();
    await nodeB?.close();
    await nodeA.close();
  });

  it('delivers messages and moderation across servers', async () => {
    const onA = await connect(nodeA, '/chat', alice.accessToken);
    const onB = await connect(nodeB!, '/chat', bob.accessToken);
    await ok(onA, 'channel.join', { channelId: lobby });
    await ok(onB, 'channel.join', { channelId: lobby });

    const received = new Promise<Message>((resolve) => onB.once('message.new', resolve));
    const sent = await ok<{ message: Message }>(onA, 'message.send', { channelId: lobby, clientMessageId: 'x-1', body: 'Across the Tasman' });
    await expect(received).resolves.toMatchObject({ id: sent.message.id, sequence: 1, body: 'Across the Tasman' });

    const removed = new Promise<Message & { deletedAt: string }>((resolve) => onA.once('message.updated', resolve));
    await nodeB!.http.delete(`/api/messages/${sent.message.id}`).set((await nodeB!.signIn('admin@plenary.test', TEST_PASSWORD)).auth).expect(200);
    await expect(removed).resolves.toMatchObject({ id: sent.message.id, deletedAt: expect.any(String) });
  });

  it('knows who is online on either server', async () => {
    const liveA = await connect(nodeA, '/live', alice.accessToken);
    const liveB = await connect(nodeB!, '/live', bob.accessToken);
    await ok(liveA, 'summit.subscribe', { summitId });
    await ok(liveB, 'summit.subscribe', { summitId });
    const list = await ok<{ online: { userId: string }[] }>(liveA, 'presence.list', { summitId });
    expect(list.online.map((o) => o.userId).sort()).toEqual([alice.userId, bob.userId].sort());
  });

  it('loses no acknowledged message when a server goes away', async () => {
    const writer = await connect(nodeA, '/chat', alice.accessToken);
    await ok(writer, 'channel.join', { channelId: lobby });
    let reader = await connect(nodeB!, '/chat', bob.accessToken);
    await ok(reader, 'channel.join', { channelId: lobby });
    const seen: number[] = [];
    reader.on('message.new', (m: Message) => seen.push(m.sequence));
    await ok(writer, 'message.send', { channelId: lobby, clientMessageId: 'k-1', body: 'before' });
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(seen).toHaveLength(1);

    const gone = new Promise<void>((resolve) => reader.once('disconnect', () => resolve()));
    await nodeB!.close();
    nodeB = null;
    await gone;
    const acknowledged: number[] = [];
    for (let i = 2; i <= 4; i++) {
      acknowledged.push((await ok<{ message: Message }>(writer, 'message.send', { channelId: lobby, clientMessageId: `k-${i}`, body: `while away ${i}` })).message.sequence);
    }

    reader = await connect(nodeA, '/chat', bob.accessToken);
    await ok(reader, 'channel.join', { channelId: lobby });
    const missed = await ok<{ messages: Message[] }>(reader, 'history', { channelId: lobby, after: Math.max(...seen) });
    expect(missed.messages.map((m) => m.sequence)).toEqual(acknowledged);
  });
});
