import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { DomainError, ErrorCode, newId } from '@plenary/common';
import { Principal } from '@plenary/identity';
import { SummitAccessService } from '@plenary/summits';
import { DataSource, EntityManager, LessThan, MoreThan, QueryFailedError, Repository } from 'typeorm';
import { Channel } from '../channels/channel.entity';
import { ChannelAccess, ChannelsService } from '../channels/channels.service';
import { EditMessageDto, HistoryQueryDto, SendMessageDto } from './message.dto';
import { ChatMute, Message, MessageRevision, ReadMarker } from './message.entity';

export interface Sent {
  message: Message;
  /** The message was already stored under this client id: nothing new to broadcast. */
  duplicate: boolean;
}

@Injectable()
export class MessagesService {
  constructor(
    @InjectRepository(Message) private readonly messages: Repository<Message>,
    @InjectRepository(ReadMarker) private readonly markers: Repository<ReadMarker>,
    @InjectRepository(ChatMute) private readonly mutes: Repository<ChatMute>,
    private readonly channels: ChannelsService,
    private readonly access: SummitAccessService,
    private readonly dataSource: DataSource,
  ) {}

  /**
   * Stores a message once per (author, client id) with the channel's next
   * sequence number, and moves the author's read marker to it.
   */
  async send(principal: Principal, dto: SendMessageDto): Promise<Sent> {
    const { channel } = await this.channels.open(principal, dto.channelId);
    const existing = await this.messages.findOne({ where: { authorId: principal.userId, clientMessageId: dto.clientMessageId } });
    if (existing) return this.replay(existing, dto.channelId);
    await this.assertNotMuted(channel.summitId, principal.userId);
    if (dto.replyToId && !(await this.messages.exists({ where: { id: dto.replyToId, channelId: channel.id } }))) {
      throw new DomainError(ErrorCode.ValidationFailed, 'replyToId must be a message of the same channel');
    }
    try {
      const message = await this.dataSource.transaction(async (m) => {
        await m.getRepository(Channel).increment({ id: channel.id }, 'lastSequence', 1);
        const { lastSequence } = await m.getRepository(Channel).findOneOrFail({ where: { id: channel.id }, select: { id: true, lastSequence: true } });
        const message = m.getRepository(Message).create({
          id: newId(),
          channelId: channel.id,
          sequence: lastSequence,
          clientMessageId: dto.clientMessageId,
          authorId: principal.userId,
          body: dto.body,
          replyToId: dto.replyToId ?? null,
          mentions: { userIds: dto.mentions?.userIds ?? [], organisationIds: dto.mentions?.organisationIds ?? [] },
          pinned: false,
          editedAt: null,
          deletedAt: null,
          deletedById: null,
          createdAt: new Date(),
        });
        await m.getRepository(Message).insert(message);
        await this.markRead(m, channel.id, principal.userId, lastSequence);
        return message;
      });
      return { message, duplicate: false };
    } catch (error) {
      // The same client id sent twice at once: the first one stored wins.
      const stored = error instanceof QueryFailedError ? await this.messages.findOne({ where: { authorId: principal.userId, clientMessageId: dto.clientMessageId } }) : null;
      if (stored) return this.replay(stored, dto.channelId);
      throw error;
    }
  }

  async history(principal: Principal, channelId: string, query: HistoryQueryDto): Promise<Message[]> {
    await this.channels.open(principal, channelId);
    const take = query.limit ?? 50;
    if (query.after !== undefined) {
      return this.messages.find({ where: { channelId, sequence: MoreThan(query.after) }, order: { sequence: 'ASC' }, take });
    }
    const where = query.before !== undefined ? { channelId, sequence: LessThan(query.before) } : { channelId };
    return (await this.messages.find({ where, order: { sequence: 'DESC' }, take })).reverse();
  }

  async pinned(principal: Principal, channelId: string): Promise<Message[]> {
    await this.channels.open(principal, channelId);
    return this.messages.find({ where: { channelId, pinned: true }, order: { sequence: 'ASC' } });
  }

  /** The author edits their own message; the earlier text is kept. */
  async edit(principal: Principal, dto: EditMessageDto): Promise<Message> {
    const { message, access } = await this.load(principal, dto.messageId);
    if (message.authorId !== principal.userId) throw new DomainError(ErrorCode.Forbidden, 'Only the author may edit a message');
    await this.assertNotMuted(access.channel.summitId, principal.userId);
    if (message.deletedAt) throw new DomainError(ErrorCode.Conflict, 'A deleted message cannot be edited');
    await this.revise(message, principal.userId, () => {
      message.body = dto.body;
      message.editedAt = new Date();
    });
    return message;
  }

  /** The author, or the chair or secretariat in the lobby and session channels, deletes a message; its text is kept in the history. */
  async remove(principal: Principal, messageId: string): Promise<Message> {
    const { message, access } = await this.load(principal, messageId);
    if (message.authorId !== principal.userId && !access.canModerate) throw new DomainError(ErrorCode.Forbidden, 'Only the author or the chair may delete this message');
    if (message.deletedAt) return message;
    await this.revise(message, principal.userId, () => {
      message.deletedAt = new Date();
      message.deletedById = principal.userId;
    });
    return message;
  }

  /** Pins are set by the chair in the lobby and session channels, and by the members of private channels. */
  async pin(principal: Principal, messageId: string, pinned: boolean): Promise<Message> {
    const { message, access } = await this.load(principal, messageId);
    const privateChannel = access.channel.kind === 'delegation' || access.channel.kind === 'direct';
    if (!access.canModerate && !privateChannel) throw new DomainError(ErrorCode.Forbidden, 'Only the chair may pin messages here');
    message.pinned = pinned;
    await this.messages.update({ id: message.id }, { pinned });
    return message;
  }

  async read(principal: Principal, channelId: string, sequence: number): Promise<number> {
    const { channel } = await this.channels.open(principal, channelId);
    return this.dataSource.transaction((m) => this.markRead(m, channel.id, principal.userId, Math.min(sequence, channel.lastSequence)));
  }

  /** How far a user has read a channel (0 before reading anything). */
  async lastReadSequence(channelId: string, userId: string): Promise<number> {
    return (await this.markers.findOne({ where: { channelId, userId } }))?.lastReadSequence ?? 0;
  }

  async mute(principal: Principal, summitId: string, userId: string, minutes: number | undefined): Promise<void> {
    await this.access.host(principal, summitId);
    const until = minutes ? new Date(Date.now() + minutes * 60_000) : null;
    const existing = await this.mutes.findOne({ where: { summitId, userId } });
    if (existing) await this.mutes.update({ id: existing.id }, { until, mutedById: principal.userId });
    else await this.mutes.insert({ id: newId(), summitId, userId, mutedById: principal.userId, until, createdAt: new Date() });
  }

  async unmute(principal: Principal, summitId: string, userId: string): Promise<void> {
    await this.access.host(principal, summitId);
    await this.mutes.delete({ summitId, userId });
  }

  private async replay(message: Message, channelId: string): Promise<Sent> {
    if (message.channelId !== channelId) throw new DomainError(ErrorCode.Conflict, 'This client message id was already used in another channel');
    return { message, duplicate: true };
  }

  private async assertNotMuted(summitId: string, userId: string): Promise<void> {
    const mute = await this.mutes.findOne({ where: { summitId, userId } });
    if (mute && (mute.until === null || mute.until.getTime() > Date.now())) {
      throw new DomainError(ErrorCode.Muted, 'You have been muted in this summit’s chat');
    }
  }

  private async load(principal: Principal, messageId: string): Promise<{ message: Message; access: ChannelAccess }> {
    const message = await this.messages.findOne({ where: { id: messageId } });
    if (!message) throw new DomainError(ErrorCode.NotFound, 'No such message');
    return { message, access: await this.channels.open(principal, message.channelId) };
  }

  private async revise(message: Message, changedById: string, change: () => void): Promise<void> {
    await this.dataSource.transaction(async (m) => {
      await m.getRepository(MessageRevision).insert({ id: newId(), messageId: message.id, body: message.body, changedById, createdAt: new Date() });
      change();
      await m.getRepository(Message).update({ id: message.id }, { body: message.body, editedAt: message.editedAt, deletedAt: message.deletedAt, deletedById: message.deletedById });
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
