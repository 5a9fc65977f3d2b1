import { Injectable } from '@nestjs/common';
import { personRooms, RealtimeNamespaces } from '@plenary/realtime';
import { channelRooms } from './channels/channel-rooms';
import type { ChatMessage, ChatServerEvents } from './contracts/chat-events';

type Payload<E extends keyof ChatServerEvents> = Parameters<ChatServerEvents[E]>[0];

/** Broadcasts of the `/chat` namespace; the chat services publish through it. */
@Injectable()
export class ChatEventsService {
  private readonly chat;

  constructor(namespaces: RealtimeNamespaces) {
    this.chat = namespaces.publisher<ChatServerEvents>('/chat');
  }

  /**
   * A new message goes to the sockets in its channel, and a `channel.activity`
   * to the rest of its audience (the `/chat` rooms of everyone who may read
   * it), for their unread badges.
   */
  messageNew(message: ChatMessage, summitId: string, audience: string[]): void {
    const room = channelRooms.of(message.channelId);
    this.chat.emit(room, 'message.new', message);
    if (audience.length) {
      this.chat.emit(audience, 'channel.activity', { summitId, channelId: message.channelId, lastSequence: message.sequence, authorId: message.authorId }, room);
    }
  }

  messageUpdated(message: ChatMessage): void {
    this.chat.emit(channelRooms.of(message.channelId), 'message.updated', message);
  }

  /** Tells the person, on every connection of theirs, that they were muted in a summit or that it was lifted. */
  muted(userId: string, event: Payload<'chat.muted'>): void {
    this.chat.emit(personRooms.user.of(userId), 'chat.muted', event);
  }

  mentioned(userIds: string[], event: Payload<'mention.new'>): void {
    if (userIds.length) this.chat.emit(userIds.map((id) => personRooms.user.of(id)), 'mention.new', event);
  }
}
