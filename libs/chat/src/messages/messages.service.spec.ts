import { DomainError, ErrorCode } from '@plenary/common';
import { Principal } from '@plenary/identity';
import { DataSource } from 'typeorm';
import { Channel } from '../channels/channel.entity';
import { SummitAccessService, SummitContext } from '@plenary/summits';
import { ChatWorld, createChatServices, createTestDataSource, principalOf, seedChatWorld } from '../testing/chat.factories';
import { SendMessageDto } from './message.dto';
import { ChatMute, Message, MessageRevision } from './message.entity';
import { MessagesService } from './messages.service';
import { ChatErrorCode } from '../chat.errors';

function domainError(code: ErrorCode) {
  return expect.objectContaining({ name: DomainError.name, code });
}

describe(MessagesService.name, () => {
  let dataSource: DataSource;
  let sut: MessagesService;
  let access: SummitAccessService;
  let w: ChatWorld;
  let chair: Principal;
  let alice: Principal;
  let ana: Principal;
  let boris: Principal;
  let clientIds: number;

  /** A message from `who` in `channel`, under a fresh client id unless one is given. */
  function dto(channel: Channel, fields: Partial<SendMessageDto> = {}): SendMessageDto {
    return { channelId: channel.id, clientMessageId: `c-${++clientIds}`, body: 'Good morning', ...fields };
  }

  async function send(who: Principal, channel: Channel, fields: Partial<SendMessageDto> = {}): Promise<Message> {
    return (await sut.send(who, dto(channel, fields))).message;
  }

  /** The chair's context in the summit, as a host-only route hands it over. */
  function asChair(): Promise<SummitContext> {
    return access.host(chair, w.summit.id);
  }

  function channelRow(channel: Channel): Promise<Channel> {
    return dataSource.getRepository(Channel).findOneByOrFail({ id: channel.id });
  }

  beforeEach(async () => {
    dataSource = await createTestDataSource();
    ({ messages: sut, access } = await createChatServices(dataSource));
    w = await seedChatWorld(dataSource);
    [chair, alice, ana, boris] = [w.chair, w.alice, w.ana, w.boris].map((u) => principalOf(u));
    clientIds = 0;
  });

  afterEach(() => dataSource.destroy());

  describe('send', () => {
    it('numbers messages 1, 2, 3 per channel', async () => {
      const lobby = [await send(alice, w.lobby), await send(boris, w.lobby), await send(alice, w.lobby)];
      const own = await send(ana, w.alandChannel);

      expect(lobby.map((m) => m.sequence)).toEqual([1, 2, 3]);
      expect(own.sequence).toBe(1);
      await expect(channelRow(w.lobby)).resolves.toMatchObject({ lastSequence: 3 });
    });

    it('gives each message the channel’s next revision, which edits also take', async () => {
      const first = await send(alice, w.lobby);
      await send(alice, w.lobby);
      await sut.edit(alice, { messageId: first.id, body: 'Good afternoon' });

      const third = await send(boris, w.lobby);

      expect(third).toMatchObject({ sequence: 3, revision: 4 });
      await expect(channelRow(w.lobby)).resolves.toMatchObject({ lastSequence: 3, lastRevision: 4 });
    });

    it('answers a resend under the same client id with the stored message as a duplicate, storing nothing', async () => {
      const first = await sut.send(alice, dto(w.lobby, { clientMessageId: 'resent' }));

      await expect(sut.send(alice, dto(w.lobby, { clientMessageId: 'resent', body: 'Changed my mind' }))).resolves.toEqual({
        message: expect.objectContaining({ id: first.message.id, body: 'Good morning', sequence: 1 }),
        duplicate: true,
        mentioned: [],
      });
      await expect(dataSource.getRepository(Message).count()).resolves.toBe(1);
      await expect(channelRow(w.lobby)).resolves.toMatchObject({ lastSequence: 1, lastRevision: 1 });
    });

    it('lets two authors use the same client id', async () => {
      await send(alice, w.lobby, { clientMessageId: 'same' });

      await expect(sut.send(boris, dto(w.lobby, { clientMessageId: 'same' }))).resolves.toMatchObject({ duplicate: false, message: { sequence: 2 } });
    });

    it('refuses the same client id in another channel as a conflict', async () => {
      await send(alice, w.lobby, { clientMessageId: 'reused' });

      await expect(sut.send(alice, dto(w.alandChannel, { clientMessageId: 'reused' }))).rejects.toEqual(domainError(ErrorCode.Conflict));
    });

    it('refuses a muted author', async () => {
      await sut.mute(await asChair(), w.alice.id, undefined);

      await expect(sut.send(alice, dto(w.lobby))).rejects.toEqual(domainError(ChatErrorCode.Muted));
      await expect(dataSource.getRepository(Message).count()).resolves.toBe(0);
    });

    it('still answers a muted author’s resend of a message stored before the mute', async () => {
      const before = await send(alice, w.lobby, { clientMessageId: 'before-mute' });
      await sut.mute(await asChair(), w.alice.id, undefined);

      await expect(sut.send(alice, dto(w.lobby, { clientMessageId: 'before-mute' }))).resolves.toMatchObject({ duplicate: true, message: { id: before.id } });
    });

    it('lets an author post again once a timed mute has run out', async () => {
      await sut.mute(await asChair(), w.alice.id, 5);
      await dataSource.getRepository(ChatMute).update({ userId: w.alice.id }, { until: new Date(Date.now() - 1000) });

      await expect(sut.send(alice, dto(w.lobby))).resolves.toMatchObject({ duplicate: false });
    });

    it('refuses a reply to a message of another channel', async () => {
      const elsewhere = await send(alice, w.alandChannel);

      await expect(sut.send(alice, dto(w.lobby, { replyToId: elsewhere.id }))).rejects.toEqual(domainError(ErrorCode.ValidationFailed));
    });

    it('accepts a reply to a message of the same channel', async () => {
      const original = await send(boris, w.lobby);

      await expect(sut.send(alice, dto(w.lobby, { replyToId: original.id }))).resolves.toMatchObject({ message: { replyToId: original.id } });
    });

    it('moves the author’s read marker to their message, and no one else’s', async () => {
      await send(alice, w.lobby);
      await send(boris, w.lobby);

      await expect(sut.lastReadSequence(w.lobby.id, w.boris.id)).resolves.toBe(2);
      await expect(sut.lastReadSequence(w.lobby.id, w.alice.id)).resolves.toBe(1);
      await expect(sut.lastReadSequence(w.lobby.id, w.ana.id)).resolves.toBe(0);
    });

    it('returns the readers it mentions, a delegation counting its members', async () => {
      const sent = await sut.send(alice, dto(w.lobby, { mentions: { userIds: [w.chair.id], organisationIds: [w.borduria.id] } }));

      expect([...sent.mentioned].sort()).toEqual([w.chair.id, w.boris.id].sort());
    });

    it('refuses a channel the author may not use as if it did not exist', async () => {
      await expect(sut.send(boris, dto(w.alandChannel))).rejects.toEqual(domainError(ErrorCode.NotFound));
    });
  });

  describe('history', () => {
    it('returns the newest page, or the messages before or after a sequence, in sequence order', async () => {
      for (let i = 0; i < 5; i++) await send(alice, w.lobby);

      const sequences = async (query: object) => (await sut.history(boris, w.lobby.id, query)).map((m) => m.sequence);
      await expect(sequences({ limit: 2 })).resolves.toEqual([4, 5]);
      await expect(sequences({ before: 4, limit: 2 })).resolves.toEqual([2, 3]);
      await expect(sequences({ after: 3 })).resolves.toEqual([4, 5]);
    });

    it('returns with changedSince the messages sent, edited, deleted and pinned after a revision, in revision order', async () => {
      const [first, second, third] = [await send(alice, w.lobby), await send(alice, w.lobby), await send(alice, w.lobby)];
      await sut.edit(alice, { messageId: second.id, body: 'Corrected' }); // revision 4
      const fourth = await send(boris, w.lobby); // revision 5
      await sut.remove(alice, third.id); // revision 6
      await sut.pin(chair, first.id, true); // revision 7

      const changed = await sut.history(ana, w.lobby.id, { changedSince: 3 });

      expect(changed.map((m) => [m.id, m.revision])).toEqual([
        [second.id, 4],
        [fourth.id, 5],
        [third.id, 6],
        [first.id, 7],
      ]);
      expect(changed[0]).toMatchObject({ body: 'Corrected' });
      expect(changed[3]).toMatchObject({ pinned: true });
    });

    it('refuses more than one cursor', async () => {
      await expect(sut.history(alice, w.lobby.id, { before: 3, after: 1 })).rejects.toEqual(domainError(ErrorCode.ValidationFailed));
      await expect(sut.history(alice, w.lobby.id, { after: 1, changedSince: 0 })).rejects.toEqual(domainError(ErrorCode.ValidationFailed));
    });

    it('keeps a delegation’s channel from another delegation', async () => {
      await send(alice, w.alandChannel);

      await expect(sut.history(boris, w.alandChannel.id, {})).rejects.toEqual(domainError(ErrorCode.NotFound));
    });
  });

  describe('edit', () => {
    it('keeps each earlier text as a revision', async () => {
      const message = await send(alice, w.lobby, { body: 'First draft' });
      await sut.edit(alice, { messageId: message.id, body: 'Second draft' });

      await expect(sut.edit(alice, { messageId: message.id, body: 'Final' })).resolves.toMatchObject({ body: 'Final', editedAt: expect.any(Date) as unknown });
      const revisions = await dataSource.getRepository(MessageRevision).find({ where: { messageId: message.id }, order: { createdAt: 'ASC' } });
      expect(revisions.map((r) => [r.body, r.changedById])).toEqual([
        ['First draft', w.alice.id],
        ['Second draft', w.alice.id],
      ]);
    });

    it('refuses anyone but the author, the chair included', async () => {
      const message = await send(alice, w.lobby);

      await expect(sut.edit(boris, { messageId: message.id, body: 'Hijacked' })).rejects.toEqual(domainError(ErrorCode.Forbidden));
      await expect(sut.edit(chair, { messageId: message.id, body: 'Hijacked' })).rejects.toEqual(domainError(ErrorCode.Forbidden));
    });

    it('refuses a deleted message', async () => {
      const message = await send(alice, w.lobby);
      await sut.remove(alice, message.id);

      await expect(sut.edit(alice, { messageId: message.id, body: 'Back again' })).rejects.toEqual(domainError(ErrorCode.Conflict));
    });

    it('refuses a muted author', async () => {
      const message = await send(alice, w.lobby);
      await sut.mute(await asChair(), w.alice.id, undefined);

      await expect(sut.edit(alice, { messageId: message.id, body: 'Edited while muted' })).rejects.toEqual(domainError(ChatErrorCode.Muted));
    });
  });

  describe('remove', () => {
    it('marks the message deleted and keeps its text as a revision', async () => {
      const message = await send(alice, w.lobby, { body: 'Regrettable' });

      await expect(sut.remove(alice, message.id)).resolves.toMatchObject({ deletedAt: expect.any(Date) as unknown, deletedById: w.alice.id, revision: 2 });
      await expect(dataSource.getRepository(MessageRevision).findOneBy({ messageId: message.id })).resolves.toMatchObject({ body: 'Regrettable', changedById: w.alice.id });
    });

    it('lets the chair delete another’s message in the lobby, but not another delegate', async () => {
      const message = await send(alice, w.lobby);

      await expect(sut.remove(boris, message.id)).rejects.toEqual(domainError(ErrorCode.Forbidden));
      await expect(sut.remove(chair, message.id)).resolves.toMatchObject({ deletedById: w.chair.id });
    });

    it('keeps a delegation member from deleting a fellow member’s message', async () => {
      const message = await send(alice, w.alandChannel);

      await expect(sut.remove(ana, message.id)).rejects.toEqual(domainError(ErrorCode.Forbidden));
    });

    it('unpins a pinned message it deletes', async () => {
      const message = await send(alice, w.lobby);
      await sut.pin(chair, message.id, true);

      await expect(sut.remove(alice, message.id)).resolves.toMatchObject({ pinned: false });
      await expect(dataSource.getRepository(Message).findOneBy({ id: message.id })).resolves.toMatchObject({ pinned: false });
      await expect(sut.pinnedIn(w.lobby.id)).resolves.toEqual([]);
    });

    it('takes no new revision for a message already deleted', async () => {
      const message = await send(alice, w.lobby);
      await sut.remove(alice, message.id);

      await expect(sut.remove(alice, message.id)).resolves.toMatchObject({ revision: 2 });
      await expect(channelRow(w.lobby)).resolves.toMatchObject({ lastRevision: 2 });
    });
  });

  describe('pin', () => {
    it('lets only the chair pin in the lobby', async () => {
      const message = await send(alice, w.lobby);

      await expect(sut.pin(alice, message.id, true)).rejects.toEqual(domainError(ErrorCode.Forbidden));
      await expect(sut.pin(chair, message.id, true)).resolves.toMatchObject({ pinned: true, revision: 2 });
      await expect(sut.pinnedIn(w.lobby.id)).resolves.toEqual([expect.objectContaining({ id: message.id })]);
    });

    it('lets any member pin and unpin in a delegation channel', async () => {
      const message = await send(alice, w.alandChannel);

      await expect(sut.pin(ana, message.id, true)).resolves.toMatchObject({ pinned: true, revision: 2 });
      await expect(sut.pin(alice, message.id, false)).resolves.toMatchObject({ pinned: false, revision: 3 });
    });

    it('refuses pins from a muted member', async () => {
      const message = await send(alice, w.alandChannel);
      await sut.mute(await asChair(), w.ana.id, undefined);

      await expect(sut.pin(ana, message.id, true)).rejects.toEqual(domainError(ChatErrorCode.Muted));
      await expect(sut.pin(alice, message.id, true)).resolves.toMatchObject({ pinned: true });
    });

    it('refuses to pin a deleted message', async () => {
      const message = await send(alice, w.lobby);
      await sut.remove(alice, message.id);

      await expect(sut.pin(chair, message.id, true)).rejects.toEqual(domainError(ErrorCode.Conflict));
    });

    it('takes no new revision when nothing changes', async () => {
      const message = await send(alice, w.lobby);
      await sut.pin(chair, message.id, true);

      await expect(sut.pin(chair, message.id, true)).resolves.toMatchObject({ revision: 2 });
      await expect(channelRow(w.lobby)).resolves.toMatchObject({ lastRevision: 2 });
    });
  });

  describe('read', () => {
    it('moves the marker forward only, and never past the newest message', async () => {
      for (let i = 0; i < 3; i++) await send(alice, w.lobby);

      await expect(sut.read(boris, w.lobby.id, 2)).resolves.toBe(2);
      await expect(sut.read(boris, w.lobby.id, 1)).resolves.toBe(2);
      await expect(sut.read(boris, w.lobby.id, 99)).resolves.toBe(3);
      await expect(sut.lastReadSequence(w.lobby.id, w.boris.id)).resolves.toBe(3);
    });
  });

  describe('mute', () => {
    it('replaces the end of a mute when muting again, and lists only mutes in force', async () => {
      await sut.mute(await asChair(), w.alice.id, 5);
      await sut.mute(await asChair(), w.alice.id, undefined);
      await sut.mute(await asChair(), w.boris.id, 5);
      await dataSource.getRepository(ChatMute).update({ userId: w.boris.id }, { until: new Date(Date.now() - 1000) });

      await expect(sut.mutesInForce(await asChair())).resolves.toEqual([expect.objectContaining({ userId: w.alice.id, until: null })]);
      await expect(sut.ownMute(boris, w.summit.id)).resolves.toBeNull();
    });

    it('lifts a mute, telling whether there was one', async () => {
      await sut.mute(await asChair(), w.alice.id, undefined);

      await expect(sut.unmute(await asChair(), w.alice.id)).resolves.toBe(true);
      await expect(sut.unmute(await asChair(), w.alice.id)).resolves.toBe(false);
      await expect(sut.send(alice, dto(w.lobby))).resolves.toMatchObject({ duplicate: false });
    });
  });
});
