import { Inject, Logger } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '@plenary/config';
import { ConnectedSocket, MessageBody, OnGatewayInit, SubscribeMessage, WebSocketGateway } from '@nestjs/websockets';
import { AuthService } from '@plenary/identity';
import { Ack, acknowledge, authenticateNamespace, principalOf, validated } from '@plenary/realtime';
import type { Namespace, Socket } from 'socket.io';
import { ChannelsService } from './channels/channels.service';
import { ChatEvents } from './chat.events';
import { ChannelRefDto, EditMessageDto, HistoryRequestDto, MessageDto, MessageRefDto, PinMessageDto, ReadDto, SendMessageDto, toChannelDto, toMessageDto } from './messages/message.dto';
import { MessagesService } from './messages/messages.service';

const TYPING_INTERVAL_MS = 2000;

/**
 * The `/chat` namespace. A client joins the channels it may use, sends with
 * its own message id (acknowledged with the stored message, then broadcast),
 * and after a reconnection asks for the history after the last sequence it saw.
 */
@WebSocketGateway({ namespace: '/chat' })
export class ChatGateway implements OnGatewayInit {
  private readonly logger = new Logger(ChatGateway.name);
  private namespace: Namespace;

  constructor(
    private readonly auth: AuthService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly channels: ChannelsService,
    private readonly messages: MessagesService,
    private readonly events: ChatEvents,
  ) {}

  afterInit(namespace: Namespace): void {
    this.namespace = namespace;
    this.events.attach(namespace);
    authenticateNamespace(namespace, this.auth, this.logger, this.config.realtime.eventsPerSecond);
  }

  @SubscribeMessage('channel.join')
  join(@ConnectedSocket() client: Socket, @MessageBody() payload: unknown): Promise<Ack<{ channel: ReturnType<typeof toChannelDto> }>> {
    return acknowledge(this.logger, async () => {
      const { channelId } = await validated(ChannelRefDto, payload);
      const principal = principalOf(client);
      const { channel } = await this.channels.open(principal, channelId);
      await client.join(`channel:${channel.id}`);
      return { channel: toChannelDto(channel, await this.messages.lastReadSequence(channel.id, principal.userId)) };
    });
  }

  @SubscribeMessage('channel.leave')
  leave(@ConnectedSocket() client: Socket, @MessageBody() payload: unknown): Promise<Ack> {
    return acknowledge(this.logger, async () => {
      const { channelId } = await validated(ChannelRefDto, payload);
      await client.leave(`channel:${channelId}`);
      return {};
    });
  }

  @SubscribeMessage('message.send')
  send(@ConnectedSocket() client: Socket, @MessageBody() payload: unknown): Promise<Ack<{ message: MessageDto; duplicate: boolean }>> {
    return acknowledge(this.logger, async () => {
      const sent = await this.messages.send(principalOf(client), await validated(SendMessageDto, payload));
      const message = toMessageDto(sent.message);
      if (!sent.duplicate) this.events.messageNew(message);
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
      return { messages: (await this.messages.history(principalOf(client), channelId, query)).map(toMessageDto) };
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
      const room = `channel:${channelId}`;
      const last = (client.data.typingAt as Record<string, number> | undefined)?.[channelId] ?? 0;
      if (client.rooms.has(room) && Date.now() - last >= TYPING_INTERVAL_MS) {
        client.data.typingAt = { ...(client.data.typingAt ?? {}), [channelId]: Date.now() };
        client.to(room).emit('typing', { channelId, userId: principalOf(client).userId });
      }
      return {};
    });
  }
}
