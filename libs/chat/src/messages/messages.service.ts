import { Injectable, OnModuleInit } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { DomainError, ErrorCode, newId } from '@plenary/common';
import { SqliteWrites } from '@plenary/database';
import { DirectoryService, IdentityErrorCode, Principal } from '@plenary/identity';
import { SummitAccessService, SummitContext, SummitScopes } from '@plenary/summits';
import { DataSource, EntityManager, IsNull, LessThan, MoreThan, QueryFailedError, Repository } from 'typeorm';
import { moderates } from '../channels/channel-access';
import { Channel } from '../channels/channel.entity';
import { ChannelsService, JoinedChannel } from '../channels/channels.service';
import { ChatEventsService } from '../chat-events.service';
import { EditMessageDto, HistoryQueryDto, SendMessageDto, toChatMuteDto, toMessageDto } from './message.dto';
import { ChatMute, Mention, Message, MessageRevision, ReadMarker } from './message.entity';
import { ChatErrorCode } from '../chat.errors';

export interface Sent {
  message: Message;
  /** The message was already stored under this client id: nothing new to broadcast. */
  duplicate: boolean;
  /** The people to tell they were mentioned (empty for a duplicate). */
  mentioned: string[];
}

/** A message and the channel it was sent in, as `messages/:id` routes receive them. */
export interface MessageInChannel {
  message: Message;
  channel: Channel;
}

/**
 * Messages: sending, history, edits, deletion, pins, read markers and
 * mutes. Registers the `message` kind of summit access: a message exists
 * only for those who may use its channel. REST routes come checked
 * (`@SummitAccess()`); socket events pass the principal and are checked here.
 */
@Injectable()
export class MessagesService implements OnModuleInit {
  constructor(
    @InjectRepository(Message) private readonly messages: Repository<Message>,
    @InjectRepository(ReadMarker) private readonly markers: Repository<ReadMarker>,
    @InjectRepository(ChatMute) private readonly mutes: Repository<ChatMute>,
    private readonly channels: ChannelsService,
    private readonly access: SummitAccessService,
    private readonly scopes: SummitScopes,
    private readonly dataSource: DataSource,
    private readonly events: ChatEventsService,
    private readonly directory: DirectoryService,
  ) {
    this.sqliteWrites = new SqliteWrites(dataSource);
  }

  private readonly sqliteWrites: SqliteWrites;

  onModuleInit(): void {
    this.scopes.register<MessageInChannel>('message', 'messages', {
      find: async (id) => {
        const message = await this.messages.findOne({ where: { id } });
        const channel = message ? await this.channels.find(message.channelId) : null;
        return message && channel ? { summitId: channel.summitId, resource: { message, channel } } : null;
      },
      visibleTo: (ctx, { channel }) => this.channels.usableIn(ctx, channel),
      notFound: () => new DomainError(ErrorCode.NotFound, 'No such message'),
    });
  }

  /**
   * Stores a message once per (author, client id) with the channel's next
   * sequence number, and moves the author's read marker to it. `joined` is the
   * channel as the sender's socket joined it: its access was checked then, and
   * is checked again whenever rights change (the real-time kit's access
   * review), so sending costs no access queries. A new message goes out live
   * to its channel, as activity to the rest of its audience, and as a notice
   * to the people it mentions.
   */
  async send(principal: Principal, dto: SendMessageDto, joined?: JoinedChannel): Promise<Sent> {
    const channel = joined ?? (await this.channels.open(principal, dto.channelId)).channel;
    if (dto.replyToId && !(await this.messages.exists({ where: { id: dto.replyToId, channelId: channel.id } }))) {
      throw new DomainError(ErrorCode.ValidationFailed, 'replyToId must be a message of the same channel');
    }
    const mentions = { userIds: dto.mentions?.userIds ?? [], organisationIds: dto.mentions?.organisationIds ?? [] };
    const mentioned = mentions.userIds.length || mentions.organisationIds.length ? await this.channels.mentionedReaders(channel, principal.userId, mentions) : [];
    const message = this.messages.create({
      id: newId(),
      channelId: channel.id,
      clientMessageId: dto.clientMessageId,
      authorId: principal.userId,
      body: dto.body,
      replyToId: dto.replyToId ?? null,
      mentions,
      pinned: false,
      editedAt: null,
      deletedAt: null,
      deletedById: null,
      createdAt: new Date(),
    });
    try {
      if (this.dataSource.options.type === 'postgres' && mentioned.length === 0) await this.storeInOneStatement(message, channel.summitId);
      else if (!this.storeOnSqlite(message, channel.summitId, mentioned)) await this.storeInTransaction(message, channel.summitId, mentioned);
    } catch (error) {
      // Sent before (a resend after a lost acknowledgement, even one muted since), or the same client id twice at once: the stored one wins.
      const resent = error instanceof QueryFailedError || (error instanceof DomainError && error.code === ChatErrorCode.Muted);
      const stored = resent ? await this.storedByClientId(principal.userId, dto.clientMessageId) : null;
      if (stored) return this.replay(stored, dto.channelId);
      throw error;
    }
    await this.announce(message, channel, mentioned);
    return { message, duplicate: false, mentioned };
  }

  /** The message to its channel, activity to the rest of its audience, and a notice to each person it mentions. */
  private async announce(message: Message, channel: JoinedChannel, mentioned: string[]): Promise<void> {
    this.events.messageNew(toMessageDto(message), channel.summitId, await this.channels.audience(channel));
    this.events.mentioned(mentioned, { summitId: channel.summitId, channelId: channel.id, messageId: message.id, sequence: message.sequence, authorId: message.authorId });
  }

  /** The mute check, the next sequence and revision, the insert and the read marker, in one transaction. */
  private async storeInTransaction(message: Message, summitId: string, mentioned: string[]): Promise<void> {
    await this.assertNotMuted(summitId, message.authorId);
    await this.dataSource.transaction(async (m) => {
      Object.assign(message, await this.advance(m, message.channelId, true));
      // The unique (author, client id) index makes a resend fail here; send() answers it.
      await m.createQueryBuilder().insert().into(Message).values(message).updateEntity(false).execute();
      if (mentioned.length) {
        const rows = mentioned.map((userId) => ({ id: newId(), messageId: message.id, channelId: message.channelId, userId, sequence: message.sequence, createdAt: message.createdAt }));
        await m.createQueryBuilder().insert().into(Mention).values(rows).updateEntity(false).execute();
      }
      await m
        .createQueryBuilder()
        .insert()
        .into(ReadMarker)
        .values({ id: newId(), channelId: message.channelId, userId: message.authorId, lastReadSequence: message.sequence, updatedAt: message.createdAt })
        .orUpdate(['last_read_sequence', 'updated_at'], ['channel_id', 'user_id'])
        .updateEntity(false)
        .execute();
    });
  }

  /**
   * The same on SQLite, as one synchronous transaction of prepared
   * statements; false when it cannot run now (see SqliteWrites), and the
   * general path is taken.
   */
  private storeOnSqlite(message: Message, summitId: string, mentioned: string[]): boolean {
    const stored = this.sqliteWrites.transaction((w) => {
      const mute = w.get<{ until: unknown }>('SELECT until FROM chat_mutes WHERE summit_id = ? AND user_id = ?', [summitId, message.authorId]);
      if (mute && inForce({ until: w.read(ChatMute, 'until', mute.until) as Date | null })) {
        throw new DomainError(ChatErrorCode.Muted, 'You have been muted in this summit’s chat');
      }
      const counters = w.get<{ last_sequence: number; last_revision: number }>(
        'UPDATE chat_channels SET last_sequence = last_sequence + 1, last_revision = last_revision + 1 WHERE id = ? RETURNING last_sequence, last_revision',
        [message.channelId],
      );
      if (!counters) throw new DomainError(ErrorCode.NotFound, 'No such channel');
      message.sequence = counters.last_sequence;
      message.revision = counters.last_revision;
      // The unique (author, client id) index makes a resend fail here; send() answers it.
      w.insert(Message, message);
      for (const userId of mentioned) {
        w.insert(Mention, { id: newId(), messageId: message.id, channelId: message.channelId, userId, sequence: message.sequence, createdAt: message.createdAt });
      }
      const marker = { id: newId(), channelId: message.channelId, userId: message.authorId, lastReadSequence: message.sequence, updatedAt: message.createdAt };
      w.upsert(ReadMarker, marker, ['channelId', 'userId'], ['lastReadSequence', 'updatedAt']);
      return true;
    });
    return stored === true;
  }

  /**
   * The same on PostgreSQL, as one statement of data-modifying `WITH` parts:
   * one round trip instead of six, atomic without a transaction. No row back
   * means the author is muted, or the channel is gone.
   */
  private async storeInOneStatement(message: Message, summitId: string): Promise<void> {
    const rows = (await this.dataSource.query(
      `WITH muted AS (
         SELECT 1 FROM chat_mutes WHERE summit_id = $9 AND user_id = $4 AND (until IS NULL OR until > $8)
       ), counters AS (
         UPDATE chat_channels SET last_sequence = last_sequence + 1, last_revision = last_revision + 1
         WHERE id = $1 AND NOT EXISTS (SELECT 1 FROM muted)
         RETURNING last_sequence, last_revision
       ), stored AS (
         INSERT INTO chat_messages (id, channel_id, sequence, revision, client_message_id, author_id, body, reply_to_id, mentions, pinned, created_at)
         SELECT $2, $1, last_sequence, last_revision, $3, $4, $5, $6, $7, false, $8 FROM counters
         RETURNING sequence, revision
       ), marker AS (
         INSERT INTO chat_read_markers (id, channel_id, user_id, last_read_sequence, updated_at)
         SELECT $10, $1, $4, sequence, $8 FROM stored
         ON CONFLICT (channel_id, user_id) DO UPDATE SET last_read_sequence = EXCLUDED.last_read_sequence, updated_at = EXCLUDED.updated_at
       )
       SELECT sequence, revision FROM stored`,
      [message.channelId, message.id, message.clientMessageId, message.authorId, message.body, message.replyToId, JSON.stringify(message.mentions), message.createdAt, summitId, newId()],
    )) as { sequence: number | string; revision: number | string }[];
    if (rows.length === 0) {
      await this.assertNotMuted(summitId, message.authorId);
      throw new DomainError(ErrorCode.NotFound, 'No such channel');
    }
    message.sequence = Number(rows[0].sequence);
    message.revision = Number(rows[0].revision);
  }

  /**
   * Messages by sequence (`before`, `after`, or the newest), or by revision
   * (`changedSince`: everything sent, edited, deleted, pinned or unpinned
   * after that revision, in revision order — what a returning client missed).
   */
  async history(principal: Principal, channelId: string, query: HistoryQueryDto, joined?: JoinedChannel): Promise<Message[]> {
    if (!joined) await this.channels.open(principal, channelId);
    return this.historyOf(channelId, query);
  }

  /** The same, for a channel the caller was found to use. */
  async historyOf(channelId: string, query: HistoryQueryDto): Promise<Message[]> {
    const cursors = [query.before, query.after, query.changedSince].filter((c) => c !== undefined).length;
    if (cursors > 1) throw new DomainError(ErrorCode.ValidationFailed, 'Give at most one of before, after and changedSince');
    const take = query.limit ?? 50;
    if (query.changedSince !== undefined) {
      return this.messages.find({ where: { channelId, revision: MoreThan(query.changedSince) }, order: { revision: 'ASC' }, take });
    }
    if (query.after !== undefined) {
      return this.messages.find({ where: { channelId, sequence: MoreThan(query.after) }, order: { sequence: 'ASC' }, take });
    }
    const where = query.before !== undefined ? { channelId, sequence: LessThan(query.before) } : { channelId };
    return (await this.messages.find({ where, order: { sequence: 'DESC' }, take })).reverse();
  }

  /** The pinned messages of a channel the caller was found to use. */
  pinnedIn(channelId: string): Promise<Message[]> {
    return this.messages.find({ where: { channelId, pinned: true, deletedAt: IsNull() }, order: { sequence: 'ASC' } });
  }

  /** The author edits their own message; the earlier text is kept. */
  async edit(principal: Principal, dto: EditMessageDto): Promise<Message> {
    const { resource: { message, channel } } = await this.load(principal, dto.messageId);
    if (message.authorId !== principal.userId) throw new DomainError(ErrorCode.Forbidden, 'Only the author may edit a message');
    await this.assertNotMuted(channel.summitId, principal.userId);
    if (message.deletedAt) throw new DomainError(ErrorCode.Conflict, 'A deleted message cannot be edited');
    await this.revise(message, principal.userId, () => {
      message.body = dto.body;
      message.editedAt = new Date();
    });
    this.events.messageUpdated(toMessageDto(message));
    return message;
  }

  /** The author, or the chair or secretariat in the lobby and session channels, deletes a message; its text is kept in the history. */
  async remove(principal: Principal, messageId: string): Promise<Message> {
    const { ctx, resource } = await this.load(principal, messageId);
    return this.removeAs(ctx, resource);
  }

  /** The same, for a message the caller was found to see. */
  async removeAs(ctx: SummitContext, { message, channel }: MessageInChannel): Promise<Message> {
    const userId = ctx.principal.userId;
    if (message.authorId !== userId && !moderates(ctx, channel)) throw new DomainError(ErrorCode.Forbidden, 'Only the author or the chair may delete this message');
    if (message.deletedAt) return message;
    await this.revise(message, userId, () => {
      message.deletedAt = new Date();
      message.deletedById = userId;
      // A deleted message no longer stands among the pins.
      message.pinned = false;
    });
    this.events.messageUpdated(toMessageDto(message));
    return message;
  }

  /** Pins are set by the chair in the lobby and session channels, and by the members of private channels. */
  async pin(principal: Principal, messageId: string, pinned: boolean): Promise<Message> {
    const { ctx, resource: { message, channel } } = await this.load(principal, messageId);
    const privateChannel = channel.kind === 'delegation' || channel.kind === 'direct';
    if (!moderates(ctx, channel) && !privateChannel) throw new DomainError(ErrorCode.Forbidden, 'Only the chair may pin messages here');
    if (message.deletedAt && pinned) throw new DomainError(ErrorCode.Conflict, 'A deleted message cannot be pinned');
    // Pinning puts words before everyone in the channel: not while muted.
    await this.assertNotMuted(channel.summitId, principal.userId);
    if (message.pinned === pinned) return message;
    await this.dataSource.transaction(async (m) => {
      message.pinned = pinned;
      message.revision = (await this.advance(m, message.channelId, false)).revision;
      await m.getRepository(Message).update({ id: message.id }, { pinned, revision: message.revision });
    });
    this.events.messageUpdated(toMessageDto(message));
    return message;
  }

  async read(principal: Principal, channelId: string, sequence: number): Promise<number> {
    const { channel } = await this.channels.open(principal, channelId);
    return this.readIn(channel, principal.userId, sequence);
  }

  /** Moves the reader's marker in a channel they were found to use, never past its last message nor back. */
  readIn(channel: Channel, userId: string, sequence: number): Promise<number> {
    return this.dataSource.transaction((m) => this.markRead(m, channel.id, userId, Math.min(sequence, channel.lastSequence)));
  }

  /** How far a user has read a channel (0 before reading anything). */
  async lastReadSequence(channelId: string, userId: string): Promise<number> {
    return (await this.markers.findOne({ where: { channelId, userId } }))?.lastReadSequence ?? 0;
  }

  /** For the host side: silences a participant in a summit's chat, for some minutes or until lifted; muting again replaces the end. The person hears of it live. */
  async mute(ctx: SummitContext, userId: string, minutes: number | undefined): Promise<ChatMute> {
    if (!(await this.directory.user(userId))) throw new DomainError(IdentityErrorCode.UserNotFound, 'No such person');
    const summitId = ctx.summit.id;
    const mutedById = ctx.principal.userId;
    const until = minutes ? new Date(Date.now() + minutes * 60_000) : null;
    const existing = await this.mutes.findOne({ where: { summitId, userId } });
    let mute: ChatMute;
    if (existing) {
      await this.mutes.update({ id: existing.id }, { until, mutedById });
      mute = { ...existing, until, mutedById };
    } else {
      mute = this.mutes.create({ id: newId(), summitId, userId, mutedById, until, createdAt: new Date() });
      await this.mutes.insert(mute);
    }
    this.events.muted(userId, { summitId, mute: toChatMuteDto(mute) });
    return mute;
  }

  /** For the host side: lifts a mute; false when the participant was not muted. */
  async unmute(ctx: SummitContext, userId: string): Promise<boolean> {
    const summitId = ctx.summit.id;
    const lifted = Boolean((await this.mutes.delete({ summitId, userId })).affected);
    if (lifted) this.events.muted(userId, { summitId, mute: null });
    return lifted;
  }

  /** The mutes in force in a summit, for its host side. */
  async mutesInForce(ctx: SummitContext): Promise<ChatMute[]> {
    return (await this.mutes.find({ where: { summitId: ctx.summit.id }, order: { createdAt: 'ASC' } })).filter(inForce);
  }

  /** The caller's own mute in a summit, if one is in force. */
  async ownMute(principal: Principal, summitId: string): Promise<ChatMute | null> {
    const mute = await this.mutes.findOne({ where: { summitId, userId: principal.userId } });
    return mute && inForce(mute) ? mute : null;
  }

  private storedByClientId(authorId: string, clientMessageId: string): Promise<Message | null> {
    return this.messages.findOne({ where: { authorId, clientMessageId } });
  }

  private replay(message: Message, channelId: string): Sent {
    if (message.channelId !== channelId) throw new DomainError(ErrorCode.Conflict, 'This client message id was already used in another channel');
    return { message, duplicate: true, mentioned: [] };
  }

  /**
   * Takes the channel's next revision, and for a new message its next
   * sequence, in one statement: the row lock it takes orders concurrent
   * writers of one channel.
   */
  private async advance(m: EntityManager, channelId: string, newMessage: boolean): Promise<{ sequence: number; revision: number }> {
    const parameter = m.connection.options.type === 'postgres' ? '$1' : '?';
    const sequence = newMessage ? 'last_sequence = last_sequence + 1, ' : '';
    if (!m.queryRunner) throw new Error('advance runs inside a transaction');
    const result = await m.queryRunner.query(
      `UPDATE chat_channels SET ${sequence}last_revision = last_revision + 1 WHERE id = ${parameter} RETURNING last_sequence, last_revision`,
      [channelId],
      true,
    );
    const row = (result as { records: { last_sequence: number | string; last_revision: number | string }[] }).records[0];
    if (!row) throw new DomainError(ErrorCode.NotFound, 'No such channel');
    return { sequence: Number(row.last_sequence), revision: Number(row.last_revision) };
  }

  private async assertNotMuted(summitId: string, userId: string): Promise<void> {
    const mute = await this.mutes.findOne({ where: { summitId, userId } });
    if (mute && inForce(mute)) {
      throw new DomainError(ChatErrorCode.Muted, 'You have been muted in this summit’s chat');
    }
  }

  /** A message the caller may see, with their context in its summit: as a `messages/:id` route would find it. */
  private load(principal: Principal, messageId: string): Promise<{ ctx: SummitContext; resource: MessageInChannel }> {
    return this.access.admit<MessageInChannel>(principal, 'message', messageId, 'read');
  }

  private async revise(message: Message, changedById: string, change: () => void): Promise<void> {
    await this.dataSource.transaction(async (m) => {
      await m.getRepository(MessageRevision).insert({ id: newId(), messageId: message.id, body: message.body, changedById, createdAt: new Date() });
      change();
      message.revision = (await this.advance(m, message.channelId, false)).revision;
      await m
        .getRepository(Message)
        .update(
          { id: message.id },
          { body: message.body, editedAt: message.editedAt, deletedAt: message.deletedAt, deletedById: message.deletedById, pinned: message.pinned, revision: message.revision },
        );
    });
  }

  private async markRead(m: EntityManager, channelId: string, userId: string, sequence: number): Promise<number> {
    const repo = m.getRepository(ReadMarker);
    const marker = await repo.findOne({ where: { channelId, userId } });
    if (!marker) {
      await repo.insert({ id: newId(), channelId, userId, lastReadSequence: sequence, updatedAt: new Date() });
      return sequence;
    }
    if (sequence > marker.lastReadSequence) await repo.update({ id: marker.id }, { lastReadSequence: sequence, updatedAt: new Date() });
    return Math.max(sequence, marker.lastReadSequence);
  }
}

function inForce(mute: Pick<ChatMute, 'until'>): boolean {
  return mute.until === null || mute.until.getTime() > Date.now();
}
