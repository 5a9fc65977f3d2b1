import type { ChatMessage as Message } from '@plenary/chat';
import type { Ack } from '@plenary/realtime';
import type { PresenceEntry } from '@plenary/summits';
import { io, Socket } from 'socket.io-client';
import { Cluster, ServerProcess, startCluster, waitFor } from '../support/cluster';
import { joinByInvitation, signIn, SignedInClient, TEST_ADMIN_EMAIL, TEST_PASSWORD } from '../support/server';

/** A message a writer sent whose acknowledgement its connection took away. */
interface Unacknowledged {
  clientMessageId: string;
  body: string;
}

/** Each writer stays below the default 20 events per second and socket. */
const PAUSE_BETWEEN_MESSAGES_MS = 60;
const ACK_TIMEOUT_MS = 5_000;

const sleep = (ms: number) => new Promise((resolveSleep) => setTimeout(resolveSleep, ms));

/**
 * Two real server processes, started from the server build as a scaled-out
 * deployment runs them (docs/deployment.md): one PostgreSQL database, one
 * Redis, one JWT secret, and clients split across them. Node B is killed with
 * SIGKILL in the last test; node A survives.
 */
describe('Scaled out: two server processes on one Redis', () => {
  let cluster: Cluster | undefined;
  let nodeA: ServerProcess;
  let nodeB: ServerProcess;
  let admin: SignedInClient;
  let alice: SignedInClient;
  let bob: SignedInClient;
  let carol: SignedInClient;
  let nz: string;
  let summitId: string;
  let lobby: string;
  const sockets: Socket[] = [];

  async function connect(node: ServerProcess, namespace: string, client: SignedInClient): Promise<Socket> {
    const socket = io(`${node.url}${namespace}`, { auth: { token: client.accessToken }, transports: ['websocket'], reconnection: false, forceNew: true });
    sockets.push(socket);
    await new Promise<void>((resolveConnect, reject) => {
      socket.once('connect', () => resolveConnect());
      socket.once('connect_error', reject);
    });
    return socket;
  }

  async function ok<T extends object>(socket: Socket, event: string, payload: unknown): Promise<T> {
    const ack = (await socket.timeout(ACK_TIMEOUT_MS).emitWithAck(event, payload)) as Ack<T>;
    if (!ack.ok) throw new Error(`${event}: ${ack.error.code}`);
    return ack;
  }

  /** The next `event` whose payload `matches` (a sender also receives its own messages). */
  function next<T>(socket: Socket, event: string, matches: (payload: T) => boolean): Promise<T> {
    return new Promise((resolveEvent, reject) => {
      const listener = (payload: T) => {
        if (!matches(payload)) return;
        clearTimeout(timer);
        socket.off(event, listener);
        resolveEvent(payload);
      };
      const timer = setTimeout(() => {
        socket.off(event, listener);
        reject(new Error(`no matching ${event} within ${ACK_TIMEOUT_MS} ms`));
      }, ACK_TIMEOUT_MS);
      socket.on(event, listener);
    });
  }

  /**
   * Sends numbered messages to the lobby until stopped or disconnected, as a
   * client does: the next one once the last is acknowledged.
   */
  function startWriting(socket: Socket, name: string) {
    const acknowledged: Message[] = [];
    let stopped = false;
    let sending: (() => void) | undefined;
    const done = (async (): Promise<Unacknowledged | undefined> => {
      for (let i = 1; !stopped && socket.connected; i++) {
        const message = { clientMessageId: `${name}-${i}`, body: `${name} ${i}` };
        const ack = ok<{ message: Message }>(socket, 'message.send', { channelId: lobby, ...message });
        sending?.();
        sending = undefined;
        try {
          acknowledged.push((await ack).message);
        } catch (error) {
          if (!socket.connected) return message;
          throw error;
        }
        await sleep(PAUSE_BETWEEN_MESSAGES_MS);
      }
      return undefined;
    })();
    let failure: unknown;
    done.catch((error: unknown) => (failure = error));
    return {
      acknowledged,
      done,
      /** How many messages were acknowledged so far; throws what stopped the writer, if anything did. */
      count(): number {
        if (failure) throw failure;
        return acknowledged.length;
      },
      /** Resolves just after the writer has put its next message on the wire. */
      nextSend: () =>
        Promise.race([
          new Promise<void>((resolveSend) => (sending = resolveSend)),
          done.then(() => Promise.reject(new Error(`${name} stopped writing`))),
        ]),
      stop: () => (stopped = true),
    };
  }

  /** The offset of the last broadcast a socket heard, once it has heard one. */
  async function waitForOffset(socket: Socket): Promise<string> {
    const held = socket as unknown as { _lastOffset?: string };
    await waitFor(() => held._lastOffset !== undefined, 'a broadcast with its offset');
    return held._lastOffset!;
  }

  beforeAll(async () => {
    cluster = await startCluster(2);
    [nodeA, nodeB] = cluster.nodes;
    admin = await signIn(nodeA.http, TEST_ADMIN_EMAIL, TEST_PASSWORD);
    const organisation = (body: object) => nodeA.http.post('/api/organisations').set(admin.auth).send(body).expect(201);
    const fr = (await organisation({ kind: 'state', name: 'France', shortName: 'France', countryCode: 'FR' })).body.id;
    nz = (await organisation({ kind: 'state', name: 'New Zealand', shortName: 'NZ', countryCode: 'NZ' })).body.id;
    // Each person is invited through the node whose standard output carries their mail.
    alice = await joinByInvitation(nodeA.http, nodeA.invitationToken, 'alice@nz.example', nz);
    bob = await joinByInvitation(nodeB.http, nodeB.invitationToken, 'bob@nz.example', nz);
    carol = await joinByInvitation(nodeB.http, nodeB.invitationToken, 'carol@nz.example', nz);
    summitId = (
      await nodeA.http
        .post('/api/summits')
        .set(admin.auth)
        .send({ title: 'Scaled', hostOrganisationId: fr, timeZone: 'UTC', startsAt: '2026-05-14T00:00:00Z', endsAt: '2026-05-15T00:00:00Z' })
        .expect(201)
    ).body.id;
    await nodeA.http.post(`/api/summits/${summitId}/participants`).set(admin.auth).send({ organisationId: nz, status: 'confirmed', timeZone: 'UTC' }).expect(201);
    await nodeA.http.post(`/api/summits/${summitId}/status`).set(admin.auth).send({ status: 'announced' }).expect(200);
    lobby = (await nodeB.http.get(`/api/summits/${summitId}/channels`).set(alice.auth).expect(200)).body.find((c: { kind: string }) => c.kind === 'lobby').id;
  }, 60_000);

  afterAll(async () => {
    for (const socket of sockets) socket.disconnect();
    await cluster?.stop();
  }, 30_000);

  it('delivers messages and moderation across processes', async () => {
    const onA = await connect(nodeA, '/chat', alice);
    const onB = await connect(nodeB, '/chat', bob);
    await ok(onA, 'channel.join', { channelId: lobby });
    await ok(onB, 'channel.join', { channelId: lobby });

    const toB = next<Message>(onB, 'message.new', (m) => m.body === 'Across the Tasman');
    const sent = await ok<{ message: Message }>(onA, 'message.send', { channelId: lobby, clientMessageId: 'tasman-1', body: 'Across the Tasman' });
    await expect(toB).resolves.toMatchObject({ id: sent.message.id, sequence: sent.message.sequence, body: 'Across the Tasman' });
    const toA = next<Message>(onA, 'message.new', (m) => m.body === 'And back');
    const reply = await ok<{ message: Message }>(onB, 'message.send', { channelId: lobby, clientMessageId: 'tasman-2', body: 'And back' });
    await expect(toA).resolves.toMatchObject({ id: reply.message.id, sequence: sent.message.sequence + 1, body: 'And back' });

    const removed = (m: Message & { deletedAt: string | null }) => m.id === sent.message.id && m.deletedAt !== null;
    const removedOnA = next(onA, 'message.updated', removed);
    const removedOnB = next(onB, 'message.updated', removed);
    await nodeB.http.delete(`/api/messages/${sent.message.id}`).set(admin.auth).expect(200);
    await expect(removedOnA).resolves.toMatchObject({ id: sent.message.id, body: '', deletedAt: expect.any(String) });
    await expect(removedOnB).resolves.toMatchObject({ id: sent.message.id, body: '', deletedAt: expect.any(String) });
  });

  it('knows who is online on either process', async () => {
    const liveA = await connect(nodeA, '/live', alice);
    const liveB = await connect(nodeB, '/live', bob);
    await ok(liveA, 'summit.subscribe', { summitId });
    await ok(liveB, 'summit.subscribe', { summitId });
    const both = [alice, bob].map((p) => ({ userId: p.userId, organisationIds: [nz] })).sort((x, y) => x.userId.localeCompare(y.userId));

    for (const socket of [liveA, liveB]) {
      await expect(ok<{ online: PresenceEntry[] }>(socket, 'presence.list', { summitId })).resolves.toMatchObject({ online: both });
    }

    const changes: PresenceEntry[][] = [];
    liveA.on('presence.changed', (change: { online: PresenceEntry[] }) => changes.push(change.online));
    liveB.disconnect();
    await waitFor(() => changes.some((online) => online.length === 1 && online[0].userId === alice.userId), 'node A to hear that bob left node B');
    await expect(ok<{ online: PresenceEntry[] }>(liveA, 'presence.list', { summitId })).resolves.toMatchObject({
      online: [{ userId: alice.userId, organisationIds: [nz] }],
    });
    liveA.disconnect();
  });

  it('applies a sign-out and a change of rights made on one process to connections on the other', async () => {
    const dave = await joinByInvitation(nodeB.http, nodeB.invitationToken, 'dave@nz.example', nz);
    const delegation = (await nodeB.http.get(`/api/summits/${summitId}/channels`).set(dave.auth).expect(200)).body.find((c: { kind: string }) => c.kind === 'delegation').id;
    const onB = await connect(nodeB, '/chat', dave);
    await ok(onB, 'channel.join', { channelId: lobby });
    await ok(onB, 'channel.join', { channelId: delegation });

    // A second sign-in of the same person, connected to node B, ended through node A.
    const laptop = await signIn(nodeA.http, 'dave@nz.example', TEST_PASSWORD);
    const laptopOnB = await connect(nodeB, '/chat', laptop);
    const ended = next<{ code: string }>(laptopOnB, 'session.ended', () => true);
    const closed = new Promise<string>((resolveClose) => laptopOnB.once('disconnect', resolveClose));
    await nodeA.http.post('/api/auth/logout').set(laptop.auth).expect(204);
    await expect(ended).resolves.toMatchObject({ code: 'SESSION_ENDED' });
    await expect(closed).resolves.toBe('io server disconnect');
    expect(onB.connected).toBe(true);

    // Out of the delegation, through node A: the connection on node B loses the summit's channels.
    const removed: string[] = [];
    onB.on('channel.removed', (event: { channelId: string }) => removed.push(event.channelId));
    await nodeA.http.delete(`/api/organisations/${nz}/members/${dave.userId}`).set(admin.auth).expect(204);
    await waitFor(() => removed.length === 2, 'node B to take both channels from dave');
    expect(removed.sort()).toEqual([lobby, delegation].sort());
    const heard: Message[] = [];
    onB.on('message.new', (m: Message) => heard.push(m));
    const writer = await connect(nodeA, '/chat', alice);
    const sent = await ok<{ message: Message }>(writer, 'message.send', { channelId: delegation, clientMessageId: 'after-dave', body: 'Without Dave' });
    const toAlice = await connect(nodeB, '/chat', alice);
    await ok(toAlice, 'channel.join', { channelId: delegation });
    await expect(ok<{ messages: Message[] }>(toAlice, 'history', { channelId: delegation, after: sent.message.sequence - 1 })).resolves.toMatchObject({ messages: [{ body: 'Without Dave' }] });
    expect(heard).toEqual([]);
    for (const socket of [onB, writer, toAlice]) socket.disconnect();
  });

  it('replays the agenda changes a /live connection missed when it comes back on the other process, and keeps no chat broadcasts', async () => {
    const live = await connect(nodeA, '/live', carol);
    await ok(live, 'summit.subscribe', { summitId });
    const session = (title: string, startsAt: string) =>
      nodeA.http
        .post(`/api/summits/${summitId}/sessions`)
        .set(admin.auth)
        .send({ kind: 'press', title, startsAt, endsAt: new Date(Date.parse(startsAt) + 30 * 60_000).toISOString() })
        .expect(201);
    const first = next(live, 'agenda.changed', () => true);
    await session('Before the move', '2026-05-14T09:00:00Z');
    await first;
    // What socket.io-client presents when it reconnects: its session id and the offset of the last broadcast it heard.
    const { _pid: pid, _lastOffset: offset } = live as unknown as { _pid: string; _lastOffset: string };
    const chat = await connect(nodeA, '/chat', carol);
    await ok(chat, 'channel.join', { channelId: lobby });
    await ok(await connect(nodeA, '/chat', alice), 'message.send', { channelId: lobby, clientMessageId: 'heard-once', body: 'Heard once' });
    const chatPid = (chat as unknown as { _pid: string })._pid;
    const chatOffset = await waitForOffset(chat);
    live.io.engine.close();
    chat.io.engine.close();
    await sleep(250);
    await session('While away', '2026-05-14T10:00:00Z');

    // Back through the other process, as a load balancer may send it.
    const replayed: string[] = [];
    const back = io(`${nodeB.url}/live`, { auth: { token: carol.accessToken, pid, offset }, transports: ['websocket'], reconnection: false, forceNew: true });
    sockets.push(back);
    back.on('agenda.changed', (event: { session: { title: string } }) => replayed.push(event.session.title));
    await new Promise<void>((resolveConnect, reject) => back.once('connect', resolveConnect).once('connect_error', reject));
    await waitFor(() => replayed.length === 1, 'node B to replay the change carol missed');
    expect(replayed).toEqual(['While away']);
    await expect(ok(back, 'presence.list', { summitId })).resolves.toMatchObject({ online: expect.any(Array) });

    // Chat resyncs through history: a returning connection is a new one, outside the channels it had joined.
    const chatBack = io(`${nodeB.url}/chat`, { auth: { token: carol.accessToken, pid: chatPid, offset: chatOffset }, transports: ['websocket'], reconnection: false, forceNew: true });
    sockets.push(chatBack);
    await new Promise<void>((resolveConnect, reject) => chatBack.once('connect', resolveConnect).once('connect_error', reject));
    const heard: Message[] = [];
    chatBack.on('message.new', (m: Message) => heard.push(m));
    await ok(await connect(nodeA, '/chat', alice), 'message.send', { channelId: lobby, clientMessageId: 'not-heard', body: 'Not heard' });
    await sleep(300);
    expect(heard).toEqual([]);
    for (const socket of [back, chatBack]) socket.disconnect();
  });

  it('loses no acknowledged message when a process is killed', async () => {
    const writerOnA = await connect(nodeA, '/chat', alice);
    const writerOnB = await connect(nodeB, '/chat', bob);
    const readerOnB = await connect(nodeB, '/chat', carol);
    await ok(writerOnA, 'channel.join', { channelId: lobby });
    await ok(writerOnB, 'channel.join', { channelId: lobby });
    const start = (await ok<{ channel: { lastSequence: number } }>(readerOnB, 'channel.join', { channelId: lobby })).channel.lastSequence;
    const seen = new Set<number>();
    readerOnB.on('message.new', (m: Message) => seen.add(m.sequence));

    const aliceWrites = startWriting(writerOnA, 'alice');
    const bobWrites = startWriting(writerOnB, 'bob');
    await waitFor(() => aliceWrites.count() >= 3 && bobWrites.count() >= 3 && seen.size >= 6, 'both writers to be under way');

    // Killed while bob's next message is on its way to node B and alice keeps writing to node A.
    await bobWrites.nextSend();
    await nodeB.kill('SIGKILL');
    const acknowledgedByAAtKill = aliceWrites.count();
    const unacknowledged = await bobWrites.done;
    await waitFor(() => aliceWrites.count() >= acknowledgedByAAtKill + 5, 'alice to keep writing on node A');
    aliceWrites.stop();
    await expect(aliceWrites.done).resolves.toBeUndefined();

    // Bob reconnects to the survivor and sends again, under the same client id, what was never acknowledged:
    // stored anew if it never reached node B, or found as stored if node B died before acknowledging it.
    const acknowledged = [...aliceWrites.acknowledged, ...bobWrites.acknowledged];
    const bobAgain = await connect(nodeA, '/chat', bob);
    await ok(bobAgain, 'channel.join', { channelId: lobby });
    if (unacknowledged) acknowledged.push((await ok<{ message: Message }>(bobAgain, 'message.send', { channelId: lobby, ...unacknowledged })).message);
    // The second case, which the kill does not reliably produce: a message node B stored is recognised by node A.
    const storedByB = bobWrites.acknowledged[bobWrites.acknowledged.length - 1];
    const sentAgain = await ok<{ message: Message; duplicate: boolean }>(bobAgain, 'message.send', {
      channelId: lobby,
      clientMessageId: storedByB.clientMessageId,
      body: storedByB.body,
    });
    expect(sentAgain).toMatchObject({ duplicate: true, message: { id: storedByB.id, sequence: storedByB.sequence } });
    const inOrder = acknowledged.sort((x, y) => x.sequence - y.sequence).map(({ id, sequence, body }) => ({ id, sequence, body }));

    // Every acknowledged message is stored exactly once, numbered without gaps, and nothing else is.
    const readerOnA = await connect(nodeA, '/chat', carol);
    await ok(readerOnA, 'channel.join', { channelId: lobby });
    const stored = await ok<{ messages: Message[] }>(readerOnA, 'history', { channelId: lobby, after: start, limit: 200 });
    expect(stored.messages.map((m) => m.sequence)).toEqual(inOrder.map((_, i) => start + 1 + i));
    expect(stored.messages.map(({ id, sequence, body }) => ({ id, sequence, body }))).toEqual(inOrder);

    // Carol, who was reading on node B, catches up from the last sequence she saw without a gap
    // (broadcasts from the two nodes may reach her out of order).
    let lastSeen = start;
    while (seen.has(lastSeen + 1)) lastSeen += 1;
    expect(lastSeen).toBeGreaterThan(start);
    const missed = await ok<{ messages: Message[] }>(readerOnA, 'history', { channelId: lobby, after: lastSeen, limit: 200 });
    expect(missed.messages.map(({ id, sequence, body }) => ({ id, sequence, body }))).toEqual(inOrder.filter((m) => m.sequence > lastSeen));
    expect(missed.messages.length).toBeGreaterThanOrEqual(5);
  });
});
