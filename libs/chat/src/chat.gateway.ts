import { Inject, Logger } from '@nestjs/common';
import { ConnectedSocket, MessageBody, OnGatewayInit, SubscribeMessage, WebSocketGateway } from '@nestjs/websockets';
import { APP_CONFIG, AppConfig } from '@plenary/config';
import { AuthService, Principal } from '@plenary/identity';
import { AccessReviewService, Ack, acknowledge, authenticateNamespace, HeldRooms, principalOf, RoomAccessRegistry, SummitRoomDto, validated } from '@plenary/realtime';
import type { Namespace, Socket } from 'socket.io';
import { ChannelsService, JoinedChannel } from './channels/channels.service';
import { channelRoom, ChatEventsService } from './chat-events.service';
import { ChannelDto, ChannelRefDto, ChatMuteDto, EditMessageDto, HistoryRequestDto, MessageDto, MessageRefDto, PinMessageDto, ReadDto, SendMessageDto, toChannelDto, toChatMuteDto, toMessageDto } from './messages/message.dto';
import { MessagesService } from './messages/messages.service';

const TYPING_INTERVAL_MS = 2000;

/** What a `/chat` socket keeps between events (`socket.data`, readable from every server process). */
interface ChatSocketData {
  principal: Principal;
  /** The channels joined, by id: their access was checked at the join, and again whenever rights change. */
  joined?: Record<string, JoinedChannel>;
  typingAt?: Record<string, number>;
}

function dataOf(socket: Socket): ChatSocketData {
  return socket.data as ChatSocketData;
}

/** The channel as this socket joined it, while it is still in the channel's room. */
function joinedChannel(socket: Socket, channelId: string): JoinedChannel | undefined {
  return socket.rooms.has(channelRoom(channelId)) ? dataOf(socket).joined?.[channelId] : undefined;
}

/**
 * The `/chat` namespace. A client follows a summit (unread badges, mentions),
 * joins the channels it reads, sends with its own message id (acknowledged
 * with the stored message, then broadcast), and after a reconnection asks for
 * what changed since the last revision it saw.
 */
@WebSocketGateway({ namespace: '/chat' })
export class ChatGateway implements OnGatewayInit {
  private readonly logger = new Logger(ChatGateway.name);

  constructor(
    private readonly auth: AuthService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly channels: ChannelsService,
    private readonly messages: MessagesService,
    private readonly events: ChatEventsService,
    private readonly rooms: RoomAccessRegistry,
    private readonly review: AccessReviewService,
  ) {}

  afterInit(namespace: Namespace): void {
    this.events.attach(namespace);
    this.review.watch(namespace, {
      lost: (held, summitId) => this.lostChannels(held, summitId),
      notice: (room) => ({ event: 'channel.removed', payload: { channelId: room.slice('channel:'.length) } }),
    });
    authenticateNamespace(namespace, this.auth, this.logger, this.config.realtime.eventsPerSecond);
  }

  /** Channel activity and mentions of a summit reach this socket from now on; answered with the channels the caller may use. */
  @SubscribeMessage('summit.follow')
  follow(@ConnectedSocket() client: Socket, @MessageBody() payload: unknown): Promise<Ack<{ channels: ChannelDto[]; mute: ChatMuteDto | null }>> {
    return acknowledge(this.logger, async () => {
      const { summitId } = await validated(SummitRoomDto, payload);
      const principal = principalOf(client);
      await this.rooms.enter(client, principal, 'summit', summitId);
      const channels = (await this.channels.list(principal, summitId)).map((c) => toChannelDto(c.channel, c.lastReadSequence, c.unreadMentions));
      const mute = await this.messages.ownMute(principal, summitId);
      return { channels, mute: mute && toChatMuteDto(mute) };
    });
  }

  @SubscribeMessage('summit.unfollow')
  unfollow(@ConnectedSocket() client: Socket, @MessageBody() payload: unknown): Promise<Ack> {
    return acknowledge(this.logger, async () => {
      const { summitId } = await validated(SummitRoomDto, payload);
      await this.rooms.leave(client, 'summit', summitId);
      return {};
    });
  }

  @SubscribeMessage('channel.join')
  join(@ConnectedSocket() client: Socket, @MessageBody() payload: unknown): Promise<Ack<{ channel: ChannelDto }>> {
    return acknowledge(this.logger, async () => {
      const { channelId } = await validated(ChannelRefDto, payload);
      const principal = principalOf(client);
      const { channel } = await this.channels.open(principal, channelId);
      const data = dataOf(client);
      const { id, summitId, kind, sessionId, organisationId, memberIds } = channel;
      data.joined = { ...data.joined, [id]: { id, summitId, kind, sessionId, organisationId, memberIds } };
      // In the summit's room too, so that a change to the summit's audience finds this socket.
      await client.join([channelRoom(id), `summit:${summitId}`]);
      const lastRead = await this.messages.lastReadSequence(id, principal.userId);
      const mentions = (await this.channels.unreadMentions(principal.userId, [id])).get(id) ?? 0;
      return { channel: toChannelDto(channel, lastRead, mentions) };
    });
  }

  @SubscribeMessage('channel.leave')
  leave(@ConnectedSocket() client: Socket, @MessageBody() payload: unknown): Promise<Ack> {
    return acknowledge(this.logger, async () => {
      const { channelId } = await validated(ChannelRefDto, payload);
      await client.leave(channelRoom(channelId));
      return {};
    });
  }

  @SubscribeMessage('message.send')
  send(@ConnectedSocket() client: Socket, @MessageBody() payload: unknown): Promise<Ack<{ message: MessageDto; duplicate: boolean }>> {
    return acknowledge(this.logger, async () => {
      const dto = await validated(SendMessageDto, payload);
      const joined = joinedChannel(client, dto.channelId);
      const sent = await this.messages.send(principalOf(client), dto, joined);
      const message = toMessageDto(sent.message);
      if (!sent.duplicate) await this.announce(message, sent.mentioned, joined);
      return { message, duplicate: sent.duplicate };
    });
  }

  @SubscribeMessage('message.edit')
  edit(@ConnectedSocket() client: Socket, @MessageBody() payload: unknown): Promise<Ack<{ message: MessageDto }>> {
    return acknowledge(this.logger, async () => {
      const message = toMessageDto(await this.messages.edit(principalOf(client), await validated(EditMessageDto, payload)));
      this.events.messageUpdated(message);
      return { message };
    });
  }

  @SubscribeMessage('message.delete')
  remove(@ConnectedSocket() client: Socket, @MessageBody() payload: unknown): Promise<Ack<{ message: MessageDto }>> {
    return acknowledge(this.logger, async () => {
      const { messageId } = await validated(MessageRefDto, payload);
      const message = toMessageDto(await this.messages.remove(principalOf(client), messageId));
      this.events.messageUpdated(message);
      return { message };
    });
  }

  @SubscribeMessage('message.pin')
  pin(@ConnectedSocket() client: Socket, @MessageBody() payload: unknown): Promise<Ack<{ message: MessageDto }>> {
    return acknowledge(this.logger, async () => {
      const { messageId, pinned } = await validated(PinMessageDto, payload);
      const message = toMessageDto(await this.messages.pin(principalOf(client), messageId, pinned));
      this.events.messageUpdated(message);
      return { message };
    });
  }

  @SubscribeMessage('history')
  history(@ConnectedSocket() client: Socket, @MessageBody() payload: unknown): Promise<Ack<{ messages: MessageDto[] }>> {
    return acknowledge(this.logger, async () => {
      const { channelId, ...query } = await validated(HistoryRequestDto, payload);
      return { messages: (await this.messages.history(principalOf(client), channelId, query, joinedChannel(client, channelId))).map(toMessageDto) };
    });
  }

  @SubscribeMessage('read')
  read(@ConnectedSocket() client: Socket, @MessageBody() payload: unknown): Promise<Ack<{ lastReadSequence: number }>> {
    return acknowledge(this.logger, async () => {
      const { channelId, sequence } = await validated(ReadDto, payload);
      return { lastReadSequence: await this.messages.read(principalOf(client), channelId, sequence) };
    });
  }

  /** Typing indicators go to the others in a channel the client has joined, at most every two seconds. */
  @SubscribeMessage('typing')
  typing(@ConnectedSocket() client: Socket, @MessageBody() payload: unknown): Promise<Ack> {
    return acknowledge(this.logger, async () => {
      const { channelId } = await validated(ChannelRefDto, payload);
      const data = dataOf(client);
      const last = data.typingAt?.[channelId] ?? 0;
      if (client.rooms.has(channelRoom(channelId)) && Date.now() - last >= TYPING_INTERVAL_MS) {
        data.typingAt = { ...data.typingAt, [channelId]: Date.now() };
        client.to(channelRoom(channelId)).emit('typing', { channelId, userId: principalOf(client).userId });
      }
      return {};
    });
  }

  /** The message to its channel, activity to the rest of its audience, and a notice to each person it mentions. */
  private async announce(message: MessageDto, mentioned: string[], joined: JoinedChannel | undefined): Promise<void> {
    const channel = joined ?? (await this.channels.find(message.channelId));
    if (!channel) return;
    this.events.messageNew(message, channel.summitId, await this.channels.audience(channel));
    this.events.mentioned(mentioned, { summitId: channel.summitId, channelId: channel.id, messageId: message.id, sequence: message.sequence, authorId: message.authorId });
  }

  /** Of the channel rooms each holder is in (of one summit, or all), those its person may no longer use, checking everyone at once. */
  private async lostChannels(held: HeldRooms[], summitId: string | null): Promise<string[][]> {
    const inRooms = held.map(({ rooms, data }) => {
      const joined = (data as Partial<ChatSocketData>).joined ?? {};
      const channelIds = rooms.filter((r) => r.startsWith('channel:')).map((r) => r.slice('channel:'.length));
      return channelIds.filter((id) => summitId === null || !joined[id] || joined[id].summitId === summitId);
    });
    const channelIds = [...new Set(inRooms.flat())];
    if (channelIds.length === 0) return held.map(() => []);
    const people = [...new Map(held.map(({ principal }) => [principal.userId, principal])).values()];
    const usable = await this.channels.usableBy(people, channelIds);
    return held.map(({ principal }, i) => inRooms[i].filter((id) => !usable.get(principal.userId)?.has(id)).map(channelRoom));
  }
}
