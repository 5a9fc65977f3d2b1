import { Injectable, OnModuleInit } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { DomainError, ErrorCode, newId } from '@plenary/common';
import { DirectoryService, Principal } from '@plenary/identity';
import { personRooms } from '@plenary/realtime';
import { ParticipationService, SessionsService, SummitAccessService, SummitContext, SummitScopes, summitRooms, SummitSession } from '@plenary/summits';
import { In, QueryFailedError, Repository } from 'typeorm';
import { Mention, Mentions, Message, ReadMarker } from '../messages/message.entity';
import { mayUseChannel, moderates } from './channel-access';
import { Channel, ChannelKind } from './channel.entity';

/** What a socket remembers of a channel it has joined: enough to send and announce without reading the channel again. */
export type JoinedChannel = Pick<Channel, 'id' | 'summitId' | 'kind' | 'sessionId' | 'organisationId' | 'memberIds'>;

/** The order in which a summit's channels are listed. */
const KIND_ORDER: readonly ChannelKind[] = [ChannelKind.Lobby, ChannelKind.Delegation, ChannelKind.Session, ChannelKind.Direct];

/** Mentions notify at most this many readers (a delegation counts its members); those who cannot read the channel do not count. */
const MAX_MENTIONED = 500;

export interface ChannelAccess {
  channel: Channel;
  ctx: SummitContext;
  /** May delete others' messages and pin in this channel: the summit's host side, in the lobby and session channels. */
  canModerate: boolean;
}

/**
 * Chat channels of a summit and who may use them (`channel-access.ts`): the
 * lobby for everyone taking part, a channel per session for those who may
 * see it, a private channel per delegation for its members only, and direct
 * conversations. Registers the `channel` kind of summit access, so that
 * `channels/:id` routes are checked before they run.
 */
@Injectable()
export class ChannelsService implements OnModuleInit {
  constructor(
    @InjectRepository(Channel) private readonly channels: Repository<Channel>,
    @InjectRepository(ReadMarker) private readonly markers: Repository<ReadMarker>,
    @InjectRepository(Mention) private readonly mentions: Repository<Mention>,
    private readonly access: SummitAccessService,
    private readonly scopes: SummitScopes,
    private readonly sessions: SessionsService,
    private readonly participation: ParticipationService,
    private readonly directory: DirectoryService,
  ) {}

  /** A channel exists only for those who may use it: others get 404, private channels included. */
  onModuleInit(): void {
    this.scopes.register<Channel>('channel', 'channels', {
      find: async (id) => {
        const channel = await this.find(id);
        return channel && { summitId: channel.summitId, resource: channel };
      },
      visibleTo: (ctx, channel) => this.usableIn(ctx, channel),
      notFound: () => new DomainError(ErrorCode.NotFound, 'No such channel'),
    });
  }

  /** The channel if the caller may use it, else a 404 (private channels do not exist for others). */
  async open(principal: Principal, channelId: string): Promise<ChannelAccess> {
    const { ctx, resource: channel } = await this.access.admit<Channel>(principal, 'channel', channelId, 'read');
    return { channel, ctx, canModerate: moderates(ctx, channel) };
  }

  /** Whether someone who may read the channel's summit may use the channel. */
  async usableIn(ctx: SummitContext, channel: JoinedChannel): Promise<boolean> {
    const session = channel.kind === ChannelKind.Session && channel.sessionId ? await this.sessions.find(channel.sessionId) : null;
    return mayUseChannel(ctx, channel, session);
  }

  /**
   * Of the channels given, those each person may still use, by user id: one
   * check for everyone, in a few queries per summit whatever their number.
   */
  async usableBy(principals: Principal[], channelIds: string[]): Promise<Map<string, Set<string>>> {
    const usable = new Map(principals.map((p) => [p.userId, new Set<string>()]));
    if (principals.length === 0 || channelIds.length === 0) return usable;
    const channels = await this.channels.find({ where: { id: In(channelIds) } });
    const sessions = new Map((await this.sessions.findMany(channels.flatMap((c) => (c.sessionId ? [c.sessionId] : [])))).map((s) => [s.id, s]));
    for (const summitId of new Set(channels.map((c) => c.summitId))) {
      const contexts = await this.access.contextsOf(principals, summitId);
      for (const principal of principals) {
        const ctx = contexts?.get(principal.userId);
        if (!ctx || !this.access.canRead(ctx)) continue;
        for (const channel of channels.filter((c) => c.summitId === summitId)) {
          const session = channel.sessionId ? (sessions.get(channel.sessionId) ?? null) : null;
          if (mayUseChannel(ctx, channel, session)) usable.get(principal.userId)!.add(channel.id);
        }
      }
    }
    return usable;
  }

  /** A channel, without any access check: for the server's own use after one. */
  find(channelId: string): Promise<Channel | null> {
    return this.channels.findOne({ where: { id: channelId } });
  }

  /** Every channel of the summit the caller may use, with unread counts. */
  async list(principal: Principal, summitId: string): Promise<{ channel: Channel; lastReadSequence: number; unreadMentions: number }[]> {
    return this.listIn(await this.access.read(principal, summitId));
  }

  /** Every channel of the caller's summit they may use, with unread counts, creating the standing ones on first use. */
  async listIn(ctx: SummitContext): Promise<{ channel: Channel; lastReadSequence: number; unreadMentions: number }[]> {
    const summitId = ctx.summit.id;
    const userId = ctx.principal.userId;
    const sessions = await this.sessions.sessionsOf(summitId);
    await this.ensureStanding(summitId, sessions);
    const sessionsById = new Map(sessions.map((s) => [s.id, s]));
    // By kind (lobby, delegation, sessions, direct), then by creation: channels made together share a timestamp.
    const all = (await this.channels.find({ where: { summitId }, order: { createdAt: 'ASC', id: 'ASC' } })).sort((a, b) => KIND_ORDER.indexOf(a.kind) - KIND_ORDER.indexOf(b.kind));
    const usable = all.filter((channel) => mayUseChannel(ctx, channel, channel.sessionId ? (sessionsById.get(channel.sessionId) ?? null) : null));
    const markers = usable.length ? await this.markers.find({ where: { userId, channelId: In(usable.map((c) => c.id)) } }) : [];
    const read = new Map(markers.map((m) => [m.channelId, m.lastReadSequence]));
    const mentioned = await this.unreadMentions(userId, usable.map((c) => c.id));
    return usable.map((channel) => ({ channel, lastReadSequence: read.get(channel.id) ?? 0, unreadMentions: mentioned.get(channel.id) ?? 0 }));
  }

  /** Per channel, the messages not deleted that mention the user after their read marker. */
  async unreadMentions(userId: string, channelIds: string[]): Promise<Map<string, number>> {
    if (channelIds.length === 0) return new Map();
    const rows = await this.mentions
      .createQueryBuilder('mention')
      .select('mention.channelId', 'channelId')
      .addSelect('COUNT(*)', 'count')
      .innerJoin(Message, 'message', 'message.id = mention.messageId AND message.deletedAt IS NULL')
      .leftJoin(ReadMarker, 'marker', 'marker.channelId = mention.channelId AND marker.userId = mention.userId')
      .where('mention.userId = :userId', { userId })
      .andWhere('mention.channelId IN (:...channelIds)', { channelIds })
      .andWhere('mention.sequence > COALESCE(marker.lastReadSequence, 0)')
      .groupBy('mention.channelId')
      .getRawMany<{ channelId: string; count: string | number }>();
    return new Map(rows.map((r) => [r.channelId, Number(r.count)]));
  }

  /**
   * The people a message mentions — by name, or as members of a delegation —
   * who may read its channel, other than its author: a mention never tells
   * anyone about a channel closed to them.
   */
  async mentionedReaders(channel: JoinedChannel, authorId: string, mentions: Mentions): Promise<string[]> {
    const viaOrganisations = (await this.directory.membersOf(mentions.organisationIds)).map((m) => m.userId);
    const candidates = [...new Set([...mentions.userIds, ...viaOrganisations])].filter((id) => id !== authorId);
    if (candidates.length === 0) return [];
    const people = await this.directory.principalsOf(candidates);
    const contexts = await this.access.contextsOf(people, channel.summitId);
    const session = channel.kind === ChannelKind.Session && channel.sessionId ? await this.sessions.find(channel.sessionId) : null;
    const named = new Set(mentions.userIds);
    return people
      .filter((person) => {
        const ctx = contexts?.get(person.userId);
        if (!ctx || !this.access.canRead(ctx) || !mayUseChannel(ctx, channel, session)) return false;
        // A delegation's mention reaches those who sit in it: not the host side's members of it.
        return named.has(person.userId) || ctx.organisationIds.some((id) => mentions.organisationIds.includes(id));
      })
      .map((person) => person.userId)
      .slice(0, MAX_MENTIONED);
  }

  /** The `/chat` rooms of everyone who may read a channel: they hear of its activity without having joined it. */
  async audience(channel: JoinedChannel): Promise<string[]> {
    switch (channel.kind) {
      case ChannelKind.Lobby:
        return [summitRooms.of(channel.summitId)];
      case ChannelKind.Session: {
        const session = channel.sessionId ? await this.sessions.find(channel.sessionId) : null;
        return session ? summitRooms.audienceOf(session) : [];
      }
      case ChannelKind.Delegation:
        return channel.organisationId ? [summitRooms.delegation(channel.summitId, channel.organisationId)] : [];
      case ChannelKind.Direct:
        return channel.memberIds.map((id) => personRooms.user.of(id));
    }
  }

  /** The direct conversation between the caller and another participant of the summit. */
  async direct(ctx: SummitContext, otherUserId: string): Promise<Channel> {
    const summitId = ctx.summit.id;
    const [other] = otherUserId !== ctx.principal.userId ? await this.directory.principalsOf([otherUserId]) : [];
    const otherCtx = other ? await this.access.context(other, summitId) : null;
    if (!other || !otherCtx || !this.access.canRead(otherCtx)) throw new DomainError(ErrorCode.NotFound, 'This person does not take part in the summit');
    const memberIds = [ctx.principal.userId, other.userId].sort();
    return this.ensure(summitId, `direct:${memberIds.join(':')}`, { kind: ChannelKind.Direct, memberIds, title: 'Direct conversation' });
  }

  /** Creates the lobby, session and delegation channels that do not exist yet, reading what exists once. */
  private async ensureStanding(summitId: string, sessions: SummitSession[]): Promise<void> {
    const existing = new Set((await this.channels.find({ where: { summitId }, select: { id: true, scopeKey: true } })).map((c) => c.scopeKey));
    const missing = (scopeKey: string) => !existing.has(scopeKey);
    if (missing('lobby')) await this.ensure(summitId, 'lobby', { kind: ChannelKind.Lobby, title: 'Lobby' });
    for (const session of sessions.filter((s) => missing(`session:${s.id}`))) {
      await this.ensure(summitId, `session:${session.id}`, { kind: ChannelKind.Session, sessionId: session.id, title: session.title });
    }
    const taking = (await this.participation.activeOrganisationIds(summitId)).filter((id) => missing(`delegation:${id}`));
    for (const organisation of await this.directory.organisationsByIds(taking)) {
      await this.ensure(summitId, `delegation:${organisation.id}`, { kind: ChannelKind.Delegation, organisationId: organisation.id, title: `${organisation.shortName} delegation` });
    }
  }

  /** Finds or creates the channel of a scope; two concurrent creations end with one channel. */
  private async ensure(summitId: string, scopeKey: string, fields: Partial<Channel> & { kind: ChannelKind; title: string }): Promise<Channel> {
    const existing = await this.channels.findOne({ where: { summitId, scopeKey } });
    if (existing) return existing;
    const channel = this.channels.create({ id: newId(), summitId, scopeKey, sessionId: null, organisationId: null, memberIds: [], lastSequence: 0, createdAt: new Date(), ...fields });
    try {
      await this.channels.insert(channel);
      return channel;
    } catch (error) {
      if (!(error instanceof QueryFailedError)) throw error;
      const winner = await this.channels.findOne({ where: { summitId, scopeKey } });
      if (!winner) throw error;
      return winner;
    }
  }
}
