import { Injectable } from '@nestjs/common';
import type { Namespace } from 'socket.io';
import type { ChatMessage, ChatServerEvents } from './chat-events';

type Payload<E extends keyof ChatServerEvents> = Parameters<ChatServerEvents[E]>[0];

/** Broadcasts of the `/chat` namespace, used by the gateway and the REST routes alike. */
@Injectable()
export class ChatEventsService {
  private namespace: Namespace | null = null;

  attach(namespace: Namespace): void {
    this.namespace = namespace;
  }

  /**
   * A new message goes to the sockets in its channel, and a `channel.activity`
   * to the rest of its audience (the `/chat` rooms of everyone who may read
   * it), for their unread badges.
   */
  messageNew(message: ChatMessage, summitId: string, audience: string[]): void {
    const room = channelRoom(message.channelId);
    this.emit(room, 'message.new', message);
    if (audience.length) {
      this.namespace?.to(audience).except(room).emit('channel.activity', { summitId, channelId: message.channelId, lastSequence: message.sequence, authorId: message.authorId });
    }
  }

  messageUpdated(message: ChatMessage): void {
    this.emit(channelRoom(message.channelId), 'message.updated', message);
  }

  /** Tells the person, on every connection of theirs, that they were muted in a summit or that it was lifted. */
  muted(userId: string, event: Payload<'chat.muted'>): void {
    this.emit(`user:${userId}`, 'chat.muted', event);
  }

  mentioned(userIds: string[], event: Payload<'mention.new'>): void {
    if (userIds.length) this.emit(userIds.map((id) => `user:${id}`), 'mention.new', event);
  }

  private emit<E extends keyof ChatServerEvents>(rooms: string | string[], event: E, payload: Payload<E>): void {
    this.namespace?.to(rooms).emit(event, payload);
  }
}

export function channelRoom(channelId: string): string {
  return `channel:${channelId}`;
}
