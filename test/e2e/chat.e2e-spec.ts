import { io, Socket } from 'socket.io-client';
import { SignedInClient, startTestApp, TEST_PASSWORD, TestApp } from '../support/app';

interface Channel {
  id: string;
  kind: string;
  title: string;
  organisationId: string | null;
  lastSequence: number;
  unread: number;
}
interface Message {
  id: string;
  sequence: number;
  body: string;
  authorId: string;
  clientMessageId: string;
  deletedAt: string | null;
  editedAt: string | null;
}
type Ack<T> = ({ ok: true } & T) | { ok: false; error: { code: string; message: string } };

describe('Chat over Socket.IO (/chat) and REST', () => {
  let t: TestApp;
  let admin: SignedInClient;
  let nzA: SignedInClient;
  let nzB: SignedInClient;
  let ca: SignedInClient;
  let outsider: SignedInClient;
  const org: Record<string, string> = {};
  let summitId: string;
  let channels: Channel[];
  const sockets: Socket[] = [];

  async function connect(client: SignedInClient): Promise<Socket> {
    const socket = io(`${t.url}/chat`, { auth: { token: client.accessToken }, transports: ['websocket'], reconnection: false, forceNew: true });
    sockets.push(socket);
    await new Promise<void>((resolve, reject) => {
      socket.once('connect', () => resolve());
      socket.once('connect_error', reject);
    });
    return socket;
  }

  function emit<T>(socket: Socket, event: string, payload: unknown): Promise<Ack<T>> {
    return socket.timeout(5000).emitWithAck(event, payload) as Promise<Ack<T>>;
  }

  async function ok<T>(socket: Socket, event: string, payload: unknown): Promise<T> {
    const ack = await emit<T>(socket, event, payload);
    if (!ack.ok) throw new Error(`${event}: ${ack.error.code} ${ack.error.message}`);
    return ack;
  }

  function channel(kind: string, organisationId?: string): Channel {
    return channels.find((c) => c.kind === kind && (organisationId === undefined || c.organisationId === organisationId))!;
  }

  beforeAll(async () => {
    t = await startTestApp();
    admin = await t.signIn('admin@plenary.test', TEST_PASSWORD);
    for (const [key, name, code] of [
      ['fr', 'France', 'FR'],
      ['nz', 'New Zealand', 'NZ'],
      ['ca', 'Canada', 'CA'],
      ['xx', 'Elsewhere', 'XE'],
    ]) {
      org[key] = (await t.http.post('/api/organisations').set(admin.auth).send({ kind: 'state', name, shortName: name, countryCode: code }).expect(201)).body.id;
    }
    nzA = await t.joinOrganisation('a@nz.example', org.nz);
    nzB = await t.joinOrganisation('b@nz.example', org.nz);
    ca = await t.joinOrganisation('delegate@ca.example', org.ca);
    outsider = await t.joinOrganisation('delegate@xx.example', org.xx);
    summitId = (
      await t.http
        .post('/api/summits')
        .set(admin.auth)
        .send({ title: 'Chat summit', hostOrganisationId: org.fr, timeZone: 'Europe/Paris', startsAt: '2026-05-14T00:00:00Z', endsAt: '2026-05-16T00:00:00Z' })
        .expect(201)
    ).body.id;
    for (const id of [org.fr, org.nz, org.ca]) {
      await t.http.post(`/api/summits/${summitId}/participants`).set(admin.auth).send({ organisationId: id, status: 'confirmed', timeZone: 'UTC' }).expect(201);
    }
    await t.http.post(`/api/summits/${summitId}/status`).set(admin.auth).send({ status: 'announced' }).expect(200);
    await t.http
      .post(`/api/summits/${summitId}/sessions`)
      .set(admin.auth)
      .send({ kind: 'plenary', title: 'Opening', startsAt: '2026-05-14T08:00:00Z', endsAt: '2026-05-14T09:00:00Z' })
      .expect(201);
    channels = (await t.http.get(`/api/summits/${summitId}/channels`).set(nzA.auth).expect(200)).body;
  });
  afterAll(async () => {
    for (const socket of sockets) socket.disconnect();
    await t.close();
  });

  describe('channels', () => {
    it('gives a delegate the lobby, the session channels and their own delegation’s channel only', () => {
      expect(channels.map((c) => `${c.kind}:${c.title}`).sort()).toEqual(['delegation:New Zealand delegation', 'lobby:Lobby', 'session:Opening']);
    });

    it('keeps a delegation’s channel from everyone else, the host side included', async () => {
      const forCanada = (await t.http.get(`/api/summits/${summitId}/channels`).set(ca.auth).expect(200)).body as Channel[];
      expect(forCanada.some((c) => c.organisationId === org.nz)).toBe(false);
      const forHost = (await t.http.get(`/api/summits/${summitId}/channels`).set(admin.auth).expect(200)).body as Channel[];
      expect(forHost.map((c) => c.kind).sort()).toEqual(['lobby', 'session']);
      const nzChannel = channel('delegation', org.nz).id;
      await t.http.get(`/api/channels/${nzChannel}/messages`).set(ca.auth).expect(404);
      const socket = await connect(ca);
      await expect(emit(socket, 'channel.join', { channelId: nzChannel })).resolves.toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
      await t.http.get(`/api/summits/${summitId}/channels`).set(outsider.auth).expect(404);
    });

    it('refuses a handshake without a token', async () => {
      const socket = io(`${t.url}/chat`, { transports: ['websocket'], reconnection: false, forceNew: true });
      sockets.push(socket);
      const error = await new Promise<Error & { data?: { code: string } }>((resolve) => socket.once('connect_error', resolve));
      expect(error.data?.code).toBe('UNAUTHENTICATED');
    });
  });

  describe('messages', () => {
    it('stores once per client id, acknowledges with the stored message, then broadcasts it once', async () => {
      const sender = await connect(nzA);
      const receiver = await connect(nzB);
      const delegation = channel('delegation', org.nz).id;
      await ok(sender, 'channel.join', { channelId: delegation });
      await ok(receiver, 'channel.join', { channelId: delegation });
      const received: Message[] = [];
      receiver.on('message.new', (m: Message) => received.push(m));

      const first = await ok<{ message: Message; duplicate: boolean }>(sender, 'message.send', { channelId: delegation, clientMessageId: 'm-1', body: 'Our line on article 4?' });
      expect(first).toMatchObject({ duplicate: false, message: { sequence: 1, body: 'Our line on article 4?', authorId: nzA.userId } });
      const again = await ok<{ message: Message; duplicate: boolean }>(sender, 'message.send', { channelId: delegation, clientMessageId: 'm-1', body: 'Our line on article 4?' });
      expect(again).toMatchObject({ duplicate: true, message: { id: first.message.id, sequence: 1 } });
      await ok(sender, 'message.send', { channelId: delegation, clientMessageId: 'm-2', body: 'Hold firm.' });
      await new Promise((resolve) => setTimeout(resolve, 200));
      expect(received.map((m) => m.sequence)).toEqual([1, 2]);
    });

    it('refuses malformed, oversized and misplaced messages with an error acknowledgement', async () => {
      const socket = await connect(nzA);
      const lobby = channel('lobby').id;
      await expect(emit(socket, 'message.send', 'text')).resolves.toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED' } });
      await expect(emit(socket, 'message.send', { channelId: lobby, clientMessageId: 'x', body: 'a'.repeat(4001) })).resolves.toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED' } });
      await expect(emit(socket, 'message.send', { channelId: lobby, clientMessageId: 'bad id!', body: 'hi' })).resolves.toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED' } });
      await expect(emit(socket, 'message.send', { channelId: lobby, clientMessageId: 'm-1', body: 'reuse' })).resolves.toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    });

    it('gives a client that reconnects exactly what it missed, with no duplicate and no gap', async () => {
      const lobby = channel('lobby').id;
      const sender = await connect(ca);
      await ok(sender, 'channel.join', { channelId: lobby });
      let reader = await connect(nzB);
      await ok(reader, 'channel.join', { channelId: lobby });
      const seen: number[] = [];
      reader.on('message.new', (m: Message) => seen.push(m.sequence));
      await ok(sender, 'message.send', { channelId: lobby, clientMessageId: 'r-1', body: 'before' });
      await new Promise((resolve) => setTimeout(resolve, 200));

      reader.disconnect();
      for (let i = 2; i <= 6; i++) await ok(sender, 'message.send', { channelId: lobby, clientMessageId: `r-${i}`, body: `missed ${i}` });

      reader = await connect(nzB);
      await ok(reader, 'channel.join', { channelId: lobby });
      const lastSeen = Math.max(...seen);
      const missed = await ok<{ messages: Message[] }>(reader, 'history', { channelId: lobby, after: lastSeen });
      const all = [...seen, ...missed.messages.map((m) => m.sequence)];
      expect(all).toEqual(Array.from({ length: all.length }, (_, i) => all[0] + i));
      expect(missed.messages.map((m) => m.body)).toEqual(['missed 2', 'missed 3', 'missed 4', 'missed 5', 'missed 6']);
    });

    it('pages history over REST and counts unread messages per user', async () => {
      const lobby = channel('lobby').id;
      const page = await t.http.get(`/api/channels/${lobby}/messages?before=4&limit=2`).set(nzA.auth).expect(200);
      expect(page.body.map((m: Message) => m.sequence)).toEqual([2, 3]);
      const list = (await t.http.get(`/api/summits/${summitId}/channels`).set(nzA.auth).expect(200)).body as Channel[];
      expect(list.find((c) => c.id === lobby)).toMatchObject({ lastSequence: 6, unread: 6 });
      await t.http.post(`/api/channels/${lobby}/read`).set(nzA.auth).send({ sequence: 4 }).expect(200);
      const after = (await t.http.get(`/api/summits/${summitId}/channels`).set(nzA.auth).expect(200)).body as Channel[];
      expect(after.find((c) => c.id === lobby)).toMatchObject({ lastReadSequence: 4, unread: 2 });
      await t.http.post(`/api/channels/${lobby}/read`).set(nzA.auth).send({ sequence: -1 }).expect(400);
    });

    it('lets the author edit, the chair delete, and mutes a participant', async () => {
      const lobby = channel('lobby').id;
      const author = await connect(ca);
      const sent = await ok<{ message: Message }>(author, 'message.send', { channelId: lobby, clientMessageId: 'e-1', body: 'First draft' });
      const other = await connect(nzA);
      await expect(emit(other, 'message.edit', { messageId: sent.message.id, body: 'Hijacked' })).resolves.toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
      await expect(emit(other, 'message.delete', { messageId: sent.message.id })).resolves.toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
      const edited = await ok<{ message: Message }>(author, 'message.edit', { messageId: sent.message.id, body: 'Second draft' });
      expect(edited.message).toMatchObject({ body: 'Second draft', editedAt: expect.any(String) });

      const removed = await t.http.delete(`/api/messages/${sent.message.id}`).set(admin.auth).expect(200);
      expect(removed.body).toMatchObject({ body: '', deletedAt: expect.any(String) });

      await t.http.put(`/api/summits/${summitId}/chat-mutes`).set(nzA.auth).send({ userId: ca.userId }).expect(403);
      await t.http.put(`/api/summits/${summitId}/chat-mutes`).set(admin.auth).send({ userId: ca.userId, minutes: 10 }).expect(204);
      await expect(emit(author, 'message.send', { channelId: lobby, clientMessageId: 'e-2', body: 'Let me speak' })).resolves.toMatchObject({ ok: false, error: { code: 'MUTED' } });
      await expect(emit(author, 'message.edit', { messageId: sent.message.id, body: 'Edited while muted' })).resolves.toMatchObject({ ok: false, error: { code: 'MUTED' } });
      await t.http.delete(`/api/summits/${summitId}/chat-mutes/${ca.userId}`).set(admin.auth).expect(204);
      await ok(author, 'message.send', { channelId: lobby, clientMessageId: 'e-3', body: 'Thank you, chair' });
    });

    it('opens a direct conversation between two participants only', async () => {
      const res = await t.http.post(`/api/summits/${summitId}/channels/direct`).set(nzA.auth).send({ userId: ca.userId }).expect(200);
      expect(res.body).toMatchObject({ kind: 'direct', memberIds: [nzA.userId, ca.userId].sort() });
      const same = await t.http.post(`/api/summits/${summitId}/channels/direct`).set(ca.auth).send({ userId: nzA.userId }).expect(200);
      expect(same.body.id).toBe(res.body.id);
      await t.http.get(`/api/channels/${res.body.id}/messages`).set(nzB.auth).expect(404);
      await t.http.post(`/api/summits/${summitId}/channels/direct`).set(nzA.auth).send({ userId: outsider.userId }).expect(404);
    });
  });
});
