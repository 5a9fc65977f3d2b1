import type { ChatChannel as Channel, ChatMessage as Message } from '@plenary/chat';
import type { Socket } from 'socket.io-client';
import { SignedInClient, startTestApp, TEST_PASSWORD, TestApp } from '../support/app';
import { dropThenReconnect, emit, next, ok, TestSockets, waitUntil } from '../support/sockets';

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

  const sockets = new TestSockets(() => t.url);

  /** A `/chat` socket of the client's. */
  function connect(client: SignedInClient): Promise<Socket> {
    return sockets.connect('/chat', client.accessToken);
  }

  function channel(kind: string, organisationId?: string): Channel {
    return channels.find((c) => c.kind === kind && (organisationId === undefined || c.organisationId === organisationId))!;
  }

  beforeAll(async () => {
    t = await startTestApp();
    admin = await t.signIn('admin@plenary.test', TEST_PASSWORD);
    org.fr = await t.createOrganisation({ name: 'France', countryCode: 'FR' });
    org.nz = await t.createOrganisation({ name: 'New Zealand', countryCode: 'NZ' });
    org.ca = await t.createOrganisation({ name: 'Canada', countryCode: 'CA' });
    org.xx = await t.createOrganisation({ name: 'Elsewhere', countryCode: 'XE' });
    nzA = await t.joinOrganisation('a@nz.example', org.nz);
    nzB = await t.joinOrganisation('b@nz.example', org.nz);
    ca = await t.joinOrganisation('delegate@ca.example', org.ca);
    outsider = await t.joinOrganisation('delegate@xx.example', org.xx);
    summitId = await t.createSummit({
      title: 'Chat summit',
      hostOrganisationId: org.fr,
      timeZone: 'Europe/Paris',
      startsAt: '2026-05-14T00:00:00Z',
      endsAt: '2026-05-16T00:00:00Z',
      participants: [org.fr, org.nz, org.ca].map((organisationId) => ({ organisationId, status: 'confirmed', timeZone: 'UTC' })),
      status: 'announced',
    });
    await t.http
      .post(`/api/summits/${summitId}/sessions`)
      .set(admin.auth)
      .send({ kind: 'plenary', title: 'Opening', startsAt: '2026-05-14T08:00:00Z', endsAt: '2026-05-14T09:00:00Z' })
      .expect(201);
    channels = (await t.http.get(`/api/summits/${summitId}/channels`).set(nzA.auth).expect(200)).body;
  });
  afterAll(async () => {
    sockets.closeAll();
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
      const socket = sockets.open('/chat');
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
      const told = next<{ summitId: string; mute: { userId: string; until: string | null } | null }>(author, 'chat.muted');
      await t.http.put(`/api/summits/${summitId}/chat-mutes`).set(admin.auth).send({ userId: ca.userId, minutes: 10 }).expect(204);
      await expect(told).resolves.toMatchObject({ summitId, mute: { userId: ca.userId, until: expect.any(String), mutedById: admin.userId } });
      const inForce = await t.http.get(`/api/summits/${summitId}/chat-mutes`).set(admin.auth).expect(200);
      expect(inForce.body).toEqual([expect.objectContaining({ userId: ca.userId, until: expect.any(String) })]);
      await t.http.get(`/api/summits/${summitId}/chat-mutes`).set(nzA.auth).expect(403);
      await expect(ok<{ mute: object | null }>(author, 'summit.follow', { summitId })).resolves.toMatchObject({ mute: { userId: ca.userId } });
      await expect(emit(author, 'message.send', { channelId: lobby, clientMessageId: 'e-2', body: 'Let me speak' })).resolves.toMatchObject({ ok: false, error: { code: 'MUTED' } });
      await expect(emit(author, 'message.edit', { messageId: sent.message.id, body: 'Edited while muted' })).resolves.toMatchObject({ ok: false, error: { code: 'MUTED' } });
      const lifted = next<{ mute: null }>(author, 'chat.muted');
      await t.http.delete(`/api/summits/${summitId}/chat-mutes/${ca.userId}`).set(admin.auth).expect(204);
      await expect(lifted).resolves.toEqual({ summitId, mute: null });
      await expect(t.http.get(`/api/summits/${summitId}/chat-mutes`).set(admin.auth).expect(200)).resolves.toMatchObject({ body: [] });
      await expect(ok<{ mute: object | null }>(author, 'summit.follow', { summitId })).resolves.toMatchObject({ mute: null });
      await ok(author, 'message.send', { channelId: lobby, clientMessageId: 'e-3', body: 'Thank you, chair' });
    });

    it('lists everyone taking part, delegates without a summit role included, for any participant to write to', async () => {
      const people = (await t.http.get(`/api/summits/${summitId}/people`).set(ca.auth).expect(200)).body as { userId: string; organisationIds: string[] }[];
      expect(people.map((p) => p.userId)).toEqual(expect.arrayContaining([nzA.userId, nzB.userId, ca.userId]));
      expect(people.find((p) => p.userId === nzA.userId)).toEqual({ userId: nzA.userId, displayName: expect.any(String), organisationIds: [org.nz], role: null });
      expect(people.some((p) => p.userId === outsider.userId)).toBe(false);
      await t.http.get(`/api/summits/${summitId}/people`).set(outsider.auth).expect(404);
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

  describe('catching up, following and mentions', () => {
    it('brings back the edits, deletions and pins made while away, each once, in revision order', async () => {
      const lobby = channel('lobby').id;
      const author = await connect(nzA);
      await ok(author, 'channel.join', { channelId: lobby });
      const first = (await ok<{ message: Message }>(author, 'message.send', { channelId: lobby, clientMessageId: 'c-1', body: 'Original' })).message;
      const second = (await ok<{ message: Message }>(author, 'message.send', { channelId: lobby, clientMessageId: 'c-2', body: 'To be withdrawn' })).message;
      const lastSeen = second.revision;

      await ok(author, 'message.edit', { messageId: first.id, body: 'Corrected' });
      await ok(author, 'message.delete', { messageId: second.id });
      const pinned = await t.http.get(`/api/channels/${lobby}/pins`).set(admin.auth).expect(200);
      const chair = await connect(admin);
      await ok(chair, 'message.pin', { messageId: first.id, pinned: true });
      const third = (await ok<{ message: Message }>(author, 'message.send', { channelId: lobby, clientMessageId: 'c-3', body: 'Later' })).message;

      const changed = (await ok<{ messages: Message[] }>(author, 'history', { channelId: lobby, changedSince: lastSeen })).messages;
      expect(changed.map((m) => [m.id, m.body, m.pinned, m.deletedAt !== null])).toEqual([
        [second.id, '', false, true],
        [first.id, 'Corrected', true, false],
        [third.id, 'Later', false, false],
      ]);
      expect(changed.map((m) => m.revision)).toEqual([...changed.map((m) => m.revision)].sort((a, b) => a - b));
      expect(pinned.body.some((m: Message) => m.id === first.id)).toBe(false);
      const rest = await t.http.get(`/api/channels/${lobby}/messages?changedSince=${lastSeen}`).set(nzB.auth).expect(200);
      expect(rest.body.map((m: Message) => m.id)).toEqual(changed.map((m) => m.id));
      await t.http.get(`/api/channels/${lobby}/messages?changedSince=1&after=1`).set(nzB.auth).expect(400);

      // A deleted message cannot be pinned, and deleting a pinned one takes it off the pins.
      await expect(emit(chair, 'message.pin', { messageId: second.id, pinned: true })).resolves.toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
      await expect(t.http.get(`/api/channels/${lobby}/pins`).set(nzB.auth).expect(200)).resolves.toMatchObject({ body: [expect.objectContaining({ id: first.id })] });
      const deleted = await ok<{ message: Message }>(author, 'message.delete', { messageId: first.id });
      expect(deleted.message).toMatchObject({ pinned: false, deletedAt: expect.any(String) });
      await expect(t.http.get(`/api/channels/${lobby}/pins`).set(nzB.auth).expect(200)).resolves.toMatchObject({ body: [] });
    });

    it('tells followers of a summit about activity in the channels they may read but have not joined', async () => {
      const lobby = channel('lobby').id;
      const nzChannel = channel('delegation', org.nz).id;
      const sender = await connect(nzA);
      await ok(sender, 'channel.join', { channelId: nzChannel });
      const teammate = await connect(nzB);
      const followed = await ok<{ channels: Channel[] }>(teammate, 'summit.follow', { summitId });
      expect(followed.channels.map((c) => c.id)).toEqual(expect.arrayContaining([lobby, nzChannel]));
      const canadian = await connect(ca);
      await ok(canadian, 'summit.follow', { summitId });
      const outsiderSocket = await connect(outsider);
      await expect(emit(outsiderSocket, 'summit.follow', { summitId })).resolves.toMatchObject({ ok: false, error: { code: 'SUMMIT_NOT_FOUND' } });

      const activity = next<{ channelId: string; lastSequence: number }>(teammate, 'channel.activity');
      const leaked = next(canadian, 'channel.activity', 500);
      const sent = (await ok<{ message: Message }>(sender, 'message.send', { channelId: nzChannel, clientMessageId: 'f-1', body: 'Our position on the text' })).message;
      await expect(activity).resolves.toMatchObject({ summitId, channelId: nzChannel, lastSequence: sent.sequence });
      await expect(leaked).resolves.toBeNull();

      // Those in the channel get the message itself, not the activity as well.
      await ok(teammate, 'channel.join', { channelId: nzChannel });
      const doubled = next(teammate, 'channel.activity', 500);
      const delivered = next<Message>(teammate, 'message.new');
      await ok(sender, 'message.send', { channelId: nzChannel, clientMessageId: 'f-2', body: 'Agreed' });
      await expect(delivered).resolves.toMatchObject({ body: 'Agreed' });
      await expect(doubled).resolves.toBeNull();
    });

    it('notifies the people a message mentions who may read it, and counts their unread mentions', async () => {
      const lobby = channel('lobby').id;
      const nzChannel = channel('delegation', org.nz).id;
      const [author, mentionedB, mentionedCa] = [await connect(nzA), await connect(nzB), await connect(ca)];
      await t.http.post(`/api/channels/${lobby}/read`).set(nzB.auth).send({ sequence: 1_000_000 }).expect(200);
      const toB = next<{ channelId: string; messageId: string }>(mentionedB, 'mention.new');
      const toCa = next<{ channelId: string }>(mentionedCa, 'mention.new');
      const sent = (
        await ok<{ message: Message }>(author, 'message.send', {
          channelId: lobby,
          clientMessageId: 'mention-1',
          body: '@b and the Canadian delegation, please see the draft',
          mentions: { userIds: [nzB.userId], organisationIds: [org.ca] },
        })
      ).message;
      await expect(toB).resolves.toMatchObject({ summitId, channelId: lobby, messageId: sent.id, authorId: nzA.userId });
      await expect(toCa).resolves.toMatchObject({ channelId: lobby, messageId: sent.id });

      // Canada cannot read New Zealand's channel: a mention there tells Canada nothing.
      const leaked = next(mentionedCa, 'mention.new', 500);
      await ok(author, 'message.send', { channelId: nzChannel, clientMessageId: 'mention-2', body: 'Should we tell Canada?', mentions: { userIds: [ca.userId], organisationIds: [] } });
      await expect(leaked).resolves.toBeNull();

      const unread = async (client: SignedInClient, id: string) =>
        ((await t.http.get(`/api/summits/${summitId}/channels`).set(client.auth).expect(200)).body as Channel[]).find((c) => c.id === id)!.unreadMentions;
      await expect(unread(nzB, lobby)).resolves.toBe(1);
      await expect(unread(nzA, lobby)).resolves.toBe(0);
      await t.http.post(`/api/channels/${lobby}/read`).set(nzB.auth).send({ sequence: sent.sequence }).expect(200);
      await expect(unread(nzB, lobby)).resolves.toBe(0);
    });
  });

  describe('after a brief loss of connection', () => {
    it('starts afresh, replays nothing, and reads exactly what it missed through history', async () => {
      const lobby = channel('lobby').id;
      const reader = await connect(nzB);
      await ok(reader, 'channel.join', { channelId: lobby });
      const heard: string[] = [];
      reader.on('message.new', (m: Message) => heard.push(m.body));
      const writer = await connect(nzA);
      const { message: before } = await ok<{ message: Message }>(writer, 'message.send', { channelId: lobby, clientMessageId: 'rec-0', body: 'Before' });
      await waitUntil(() => heard.length === 1);

      await dropThenReconnect(reader, async () => {
        await ok(writer, 'message.send', { channelId: lobby, clientMessageId: 'rec-1', body: 'While you were away (1)' });
        await ok(writer, 'message.send', { channelId: lobby, clientMessageId: 'rec-2', body: 'While you were away (2)' });
      });
      // Chat resyncs through history: its broadcasts are not kept, and the connection is a new one outside the channel.
      expect(reader.recovered).toBe(false);
      const notInChannel = next<Message>(reader, 'message.new', 300);
      await ok(writer, 'message.send', { channelId: lobby, clientMessageId: 'rec-3', body: 'After you came back' });
      await expect(notInChannel).resolves.toBeNull();
      await ok(reader, 'channel.join', { channelId: lobby });
      const { messages } = await ok<{ messages: Message[] }>(reader, 'history', { channelId: lobby, after: before.sequence });
      expect(messages.map((m) => m.body)).toEqual(['While you were away (1)', 'While you were away (2)', 'After you came back']);
      expect(heard).toEqual(['Before']);
    });
  });

  describe('when rights change', () => {
    it('takes a channel away from connections whose delegation left it, on the spot', async () => {
      const extra = await t.joinOrganisation('c@nz.example', org.nz);
      // Also named an interpreter of the summit: still in the summit after leaving the delegation.
      await t.http.put(`/api/summits/${summitId}/members/${extra.userId}`).set(admin.auth).send({ role: 'interpreter' }).expect(200);
      const nzChannel = channel('delegation', org.nz).id;
      const lobby = channel('lobby').id;
      const leaving = await connect(extra);
      await ok(leaving, 'channel.join', { channelId: nzChannel });
      await ok(leaving, 'channel.join', { channelId: lobby });
      const removed = next<{ channelId: string }>(leaving, 'channel.removed');

      await t.http.delete(`/api/organisations/${org.nz}/members/${extra.userId}`).set(admin.auth).expect(204);
      await expect(removed).resolves.toEqual({ channelId: nzChannel });

      const notInDelegation = next<Message>(leaving, 'message.new', 500);
      const sender = await connect(nzA);
      await ok(sender, 'message.send', { channelId: nzChannel, clientMessageId: 'g-1', body: 'Only for New Zealand' });
      await expect(notInDelegation).resolves.toBeNull();
      await expect(emit(leaving, 'message.send', { channelId: nzChannel, clientMessageId: 'g-2', body: 'Still here?' })).resolves.toMatchObject({
        ok: false,
        error: { code: 'NOT_FOUND' },
      });
      const stillInLobby = next<Message>(leaving, 'message.new');
      await ok(sender, 'message.send', { channelId: lobby, clientMessageId: 'g-3', body: 'Everyone' });
      await expect(stillInLobby).resolves.toMatchObject({ body: 'Everyone' });
    });

    it('closes the connections of a sign-in that ends', async () => {
      const client = await t.signIn('delegate@ca.example', TEST_PASSWORD);
      const socket = await connect(client);
      const other = await connect(ca);
      const ended = next<{ code: string }>(socket, 'session.ended');
      const closed = new Promise<string>((resolve) => socket.once('disconnect', resolve));
      await t.http.post('/api/auth/logout').set(client.auth).expect(204);
      await expect(ended).resolves.toMatchObject({ code: 'SESSION_ENDED' });
      await expect(closed).resolves.toBe('io server disconnect');
      expect(other.connected).toBe(true);
    });

    it('takes the summit away from connections of a delegation whose participation is withdrawn', async () => {
      const lobby = channel('lobby').id;
      const socket = await connect(ca);
      await ok(socket, 'summit.follow', { summitId });
      await ok(socket, 'channel.join', { channelId: lobby });
      const summitRemoved = next<{ summitId: string }>(socket, 'summit.removed');
      const channelRemoved = next<{ channelId: string }>(socket, 'channel.removed');

      await t.http.patch(`/api/summits/${summitId}/participants/${org.ca}`).set(admin.auth).send({ status: 'withdrawn' }).expect(200);
      await expect(summitRemoved).resolves.toEqual({ summitId });
      await expect(channelRemoved).resolves.toEqual({ channelId: lobby });
      const nothing = next(socket, 'message.new', 500);
      await ok(await connect(nzA), 'message.send', { channelId: lobby, clientMessageId: 'w-1', body: 'After Canada left' });
      await expect(nothing).resolves.toBeNull();
    });
  });
});
