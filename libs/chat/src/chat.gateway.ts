import type { Principal } from '@plenary/identity';
import { RealtimeGateway, RequestListeners, RoomKinds, socketRequests } from '@plenary/realtime';
import { SummitRefDto, summitRooms } from '@plenary/summits';
import type { Socket } from 'socket.io';
import { channelRooms } from './channels/channel-rooms';
import { ChannelsService, JoinedChannel } from './channels/channels.service';
import type { ChatChannel, ChatMessage, ChatMuteView, ChatRequests, ChatServerEvents } from './contracts/chat-events';
import { ChannelRefDto, EditMessageDto, HistoryRequestDto, MessageRefDto, PinMessageDto, ReadDto, SendMessageDto, toChannelDto, toChatMuteDto, toMessageDto } from './messages/message.dto';
import { MessagesService } from './messages/messages.service';

const TYPING_INTERVAL_MS = 2000;

/** What a `/chat` socket keeps between events (`socket.data`, readable from every server process). */
interface ChatSocketData {
  principal: Principal;
  /** The channels joined, by id: their access was checked at the join, and again whenever rights change. */
  joined?: Record<string, JoinedChannel>;
  typingAt?: Record<string, number>;
}

type ChatSocket = Socket<RequestListeners<ChatRequests>, ChatServerEvents, object, ChatSocketData>;
const ChatRequest = socketRequests<ChatRequests, ChatSocket>();

/** The channel as this socket joined it, while it is still in the channel's room. */
function joinedChannel(socket: ChatSocket, channelId: string): JoinedChannel | undefined {
  return socket.rooms.has(channelRooms.of(channelId)) ? socket.data.joined?.[channelId] : undefined;
}

/**
 * The `/chat` namespace. A client follows a summit (unread badges, mentions),
 * joins the channels it reads, sends with its own message id (acknowledged
 * with the stored message, then broadcast), and after a reconnection asks for
 * what changed since the last revision it saw: chat resyncs through `history`,
 * so its broadcasts are not kept for connection-state recovery.
 */
@RealtimeGateway({ namespace: '/chat', missedEvents: 'resync' })
export class ChatGateway {
  constructor(
    private readonly channels: ChannelsService,
    private readonly messages: MessagesService,
    private readonly rooms: RoomKinds,
  ) {}

  /** Channel activity and mentions of a summit reach this socket from now on; answered with the channels the caller may use. */
  @ChatRequest('summit.follow', SummitRefDto)
  async follow(socket: ChatSocket, { summitId }: SummitRefDto): Promise<{ channels: ChatChannel[]; mute: ChatMuteView | null }> {
    const principal = socket.data.principal;
    await this.rooms.enter(socket, summitRooms, summitId);
    const channels = (await this.channels.list(principal, summitId)).map((c) => toChannelDto(c.channel, c.lastReadSequence, c.unreadMentions));
    const mute = await this.messages.ownMute(principal, summitId);
    return { channels, mute: mute && toChatMuteDto(mute) };
  }

  @ChatRequest('summit.unfollow', SummitRefDto)
  async unfollow(socket: ChatSocket, { summitId }: SummitRefDto): Promise<object> {
    await this.rooms.leave(socket, summitRooms, summitId);
    return {};
  }

  @ChatRequest('channel.join', ChannelRefDto)
  async join(socket: ChatSocket, { channelId }: ChannelRefDto): Promise<{ channel: ChatChannel }> {
    const principal = socket.data.principal;
    const { channel, ctx } = await this.channels.open(principal, channelId);
    const { id, summitId, kind, sessionId, organisationId, memberIds } = channel;
    socket.data.joined = { ...socket.data.joined, [id]: { id, summitId, kind, sessionId, organisationId, memberIds } };
    // In the summit's rooms too (as the summit's room kind admits them), so that a change to the summit's audience finds this socket.
    await socket.join([channelRooms.of(id), ...summitRooms.roomsOf(ctx)]);
    const lastRead = await this.messages.lastReadSequence(id, principal.userId);
    const mentions = (await this.channels.unreadMentions(principal.userId, [id])).get(id) ?? 0;
    return { channel: toChannelDto(channel, lastRead, mentions) };
  }

  @ChatRequest('channel.leave', ChannelRefDto)
  async leave(socket: ChatSocket, { channelId }: ChannelRefDto): Promise<object> {
    await socket.leave(channelRooms.of(channelId));
    return {};
  }

  @ChatRequest('message.send', SendMessageDto)
  async send(socket: ChatSocket, dto: SendMessageDto): Promise<{ message: ChatMessage; duplicate: boolean }> {
    const sent = await this.messages.send(socket.data.principal, dto, joinedChannel(socket, dto.channelId));
    return { message: toMessageDto(sent.message), duplicate: sent.duplicate };
  }

  @ChatRequest('message.edit', EditMessageDto)
  async edit(socket: ChatSocket, dto: EditMessageDto): Promise<{ message: ChatMessage }> {
    return { message: toMessageDto(await this.messages.edit(socket.data.principal, dto)) };
  }

  @ChatRequest('message.delete', MessageRefDto)
  async remove(socket: ChatSocket, { messageId }: MessageRefDto): Promise<{ message: ChatMessage }> {
    return { message: toMessageDto(await this.messages.remove(socket.data.principal, messageId)) };
  }

  @ChatRequest('message.pin', PinMessageDto)
  async pin(socket: ChatSocket, { messageId, pinned }: PinMessageDto): Promise<{ message: ChatMessage }> {
    return { message: toMessageDto(await this.messages.pin(socket.data.principal, messageId, pinned)) };
  }

  @ChatRequest('history', HistoryRequestDto)
  async history(socket: ChatSocket, { channelId, ...query }: HistoryRequestDto): Promise<{ messages: ChatMessage[] }> {
    return { messages: (await this.messages.history(socket.data.principal, channelId, query, joinedChannel(socket, channelId))).map(toMessageDto) };
  }

  @ChatRequest('read', ReadDto)
  async read(socket: ChatSocket, { channelId, sequence }: ReadDto): Promise<{ lastReadSequence: number }> {
    return { lastReadSequence: await this.messages.read(socket.data.principal, channelId, sequence) };
  }

  /** Typing indicators go to the others in a channel the client has joined, at most every two seconds. */
  @ChatRequest('typing', ChannelRefDto)
  async typing(socket: ChatSocket, { channelId }: ChannelRefDto): Promise<object> {
    const last = socket.data.typingAt?.[channelId] ?? 0;
    if (socket.rooms.has(channelRooms.of(channelId)) && Date.now() - last >= TYPING_INTERVAL_MS) {
      socket.data.typingAt = { ...socket.data.typingAt, [channelId]: Date.now() };
      socket.to(channelRooms.of(channelId)).emit('typing', { channelId, userId: socket.data.principal.userId });
    }
    return {};
  }
}
